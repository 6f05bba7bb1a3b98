import { recordOfConcernForm } from "../../schema/staff-forms/concern";
import { enhanceForms } from "../forms-core";

enhanceForms({ recordOfConcern: recordOfConcernForm });
