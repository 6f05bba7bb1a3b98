import { copyToParentsForm } from "../../schema/staff-forms/copy-to-parents";
import { moveForm } from "../../schema/staff-forms/move";
import { enhanceForms } from "../forms-core";

/** The print views: the date a copy went to the parents, and (on a Record of Concern) the SENCO's action. */
enhanceForms({ copyToParents: copyToParentsForm, move: moveForm });
