import { reviewForm } from "../../schema/staff-forms/review";
import { enhanceForms } from "../forms-core";

enhanceForms({ review: reviewForm });
