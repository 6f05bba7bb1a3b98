import { planForm } from "../../schema/staff-forms/plan";
import { enhanceForms } from "../forms-core";

enhanceForms({ plan: planForm });
