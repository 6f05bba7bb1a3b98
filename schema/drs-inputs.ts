import { createInsertSchema } from "drizzle-valibot";
import * as v from "valibot";
import { optionalDate, requiredText } from "./rules";
import { drsReferrals } from "./tables";
import { mediationAnswers } from "./vocab";

const referralColumns = createInsertSchema(drsReferrals, {
  informalResolutionTried: () => requiredText(5_000, "how the disagreement was tried to be resolved at school level"),
  summaryOfIssues: () => requiredText(10_000, "a brief summary of the issues in dispute"),
  actionsTaken: () => requiredText(10_000, "the action the school has taken or proposes to take"),
});

const agreement = (party: string) => v.picklist(mediationAnswers, `Say whether the ${party} agree to mediation through the DRS`);
const bothAgree = "Both parties must agree to mediation through the DRS: if either does not agree, no referral will be made";

/** Seed 000, DRS procedure step 1: the referral form, signed by parents and school, with the school's summary. */
export const drsReferralInput = v.pipe(
  v.strictObject({
    informalResolutionTried: referralColumns.entries.informalResolutionTried,
    parentPartnershipInformedOn: optionalDate("Date the parents were told about the Parent Partnership service"),
    parentMediation: agreement("parents/carers"),
    parentMediationOn: optionalDate("Date the parents/carers agreed"),
    schoolMediation: agreement("school"),
    schoolMediationOn: optionalDate("Date the school agreed"),
    summaryOfIssues: referralColumns.entries.summaryOfIssues,
    actionsTaken: referralColumns.entries.actionsTaken,
    signedByParentOn: optionalDate("Date signed by the parents/carers"),
    signedBySchoolOn: optionalDate("Date signed by the school"),
    laDecisionOn: optionalDate("Date of the LA's decision"),
  }),
  v.forward(v.partialCheck([["parentMediation"]], (r) => r.parentMediation === "agreed", bothAgree), ["parentMediation"]),
  v.forward(v.partialCheck([["schoolMediation"]], (r) => r.schoolMediation === "agreed", bothAgree), ["schoolMediation"]),
);
export type DrsReferralInput = v.InferOutput<typeof drsReferralInput>;
