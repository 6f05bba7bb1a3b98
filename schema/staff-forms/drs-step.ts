import * as v from "valibot";
import type { FormDefinition } from "./form-definition";
import { dayMonthYear, optionalText } from "../rules";
import { drsSteps } from "../vocab";
import { drsAgreementEntries } from "./drs-referral";

/**
 * One step of a DRS referral as its page records it: the day it happened, a note, and (for the steps that take them)
 * the answers and signatures the referral form did not yet carry. The step the person saw the referral at comes back
 * with it, so a step recorded meanwhile by someone else is not recorded twice.
 */
export const drsStepPage = v.strictObject({
  stepSeen: v.picklist(drsSteps, "This referral could not be read as it was: reload the page and try again"),
  happenedOn: dayMonthYear("the date of the step", "happened"),
  note: optionalText(2_000, "The note"),
  parentMediation: drsAgreementEntries.parentMediation,
  parentMediationOn: drsAgreementEntries.parentMediationOn,
  signedByParentOn: drsAgreementEntries.signedByParentOn,
  signedBySchoolOn: drsAgreementEntries.signedBySchoolOn,
});
export type DrsStepPage = v.InferOutput<typeof drsStepPage>;

export const drsStepForm = { schema: drsStepPage } satisfies FormDefinition;
