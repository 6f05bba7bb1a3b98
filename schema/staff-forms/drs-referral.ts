import * as v from "valibot";
import type { FormDefinition } from "./form-definition";
import { optionalDate, requiredText } from "../rules";
import { mediationAnswers } from "../vocab";
import { entityId, oneTimeKey } from "./fields";

const mediationAnswer = (party: string) => v.picklist(mediationAnswers, `Choose whether the ${party} agreed to mediation`);

/** The referral form's answers and signatures (seed 000, DRS step 1.3-1.4). */
export const drsAgreementEntries = {
  parentMediation: v.optional(v.nullable(mediationAnswer("parents"))),
  parentMediationOn: optionalDate("The date the parents answered", "happened"),
  schoolMediation: v.optional(v.nullable(mediationAnswer("school"))),
  schoolMediationOn: optionalDate("The date the school answered", "happened"),
  signedByParentOn: optionalDate("The date the parents signed the referral form", "happened"),
  signedBySchoolOn: optionalDate("The date the school signed the referral form", "happened"),
};

/** A DRS referral as the school makes it: seed 000, DRS procedure for schools, action before referral and step 1. */
export const drsReferralInput = v.strictObject({
  pupilId: entityId,
  informalResolutionTried: requiredText(10_000, "how the school and the parents tried to resolve the disagreement informally"),
  parentPartnershipInformedOn: optionalDate("The date the parents were told about support for parents", "happened"),
  summaryOfIssues: requiredText(10_000, "a brief summary of the issues in dispute"),
  actionsTaken: requiredText(10_000, "the action the school has taken or proposes to take"),
  ...drsAgreementEntries,
  schoolMediation: mediationAnswer("school"),
  laDecisionOn: optionalDate("The date of the LA's decision the disagreement is about", "happened"),
  ...oneTimeKey,
});
export type DrsReferralInput = v.InferOutput<typeof drsReferralInput>;

export const drsReferralForm = { schema: drsReferralInput } satisfies FormDefinition;
