import { assessmentRequestForm } from "../schema/staff-forms/assessment-request";
import { recordOfConcernForm } from "../schema/staff-forms/concern";
import { copyToParentsForm } from "../schema/staff-forms/copy-to-parents";
import { drsReferralForm } from "../schema/staff-forms/drs-referral";
import { moveForm } from "../schema/staff-forms/move";
import { parentViewsForm } from "../schema/staff-forms/parent-views";
import { planForm } from "../schema/staff-forms/plan";
import { reviewForm } from "../schema/staff-forms/review";
import { enhanceForms } from "./forms-core";

/** The staff pages' script: the API's own input schemas (table-free, checked against the tables), checked before sending. */
enhanceForms({
  recordOfConcern: recordOfConcernForm,
  plan: planForm,
  review: reviewForm,
  parentViews: parentViewsForm,
  assessmentRequest: assessmentRequestForm,
  copyToParents: copyToParentsForm,
  move: moveForm,
  drsReferral: drsReferralForm,
});
