import { parentViewsForm } from "../../schema/staff-forms/parent-views";
import { enhanceForms } from "../forms-core";

enhanceForms({ parentViews: parentViewsForm });
