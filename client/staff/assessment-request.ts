import { assessmentRequestForm } from "../../schema/staff-forms/assessment-request";
import { enhanceForms } from "../forms-core";

enhanceForms({ assessmentRequest: assessmentRequestForm });
