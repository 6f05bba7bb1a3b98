import { assessmentRequestInput, copyToParentsInput, drsReferralInput, moveRequest, parentViewsInput, planInput, recordOfConcern, reviewInput } from "../../../schema/inputs";
import type { FormDefinition } from "./check-form";

/** The staff forms, checked by the API's own input schemas (in the browser too: client/staff-forms.ts). */
export const staffFormDefinitions = {
  recordOfConcern: { schema: recordOfConcern, arrays: ["areasOfConcern"] },
  plan: { schema: planInput, numbers: ["expectedVersion"] },
  review: { schema: reviewInput, arrays: ["areasOfConcern"], numbers: ["expectedVersion"] },
  parentViews: { schema: parentViewsInput },
  assessmentRequest: { schema: assessmentRequestInput, numbers: ["expectedVersion"] },
  copyToParents: { schema: copyToParentsInput },
  move: { schema: moveRequest, numbers: ["expectedVersion"] },
  drsReferral: { schema: drsReferralInput },
} satisfies Record<string, FormDefinition>;
