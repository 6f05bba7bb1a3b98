import type { Region } from "../../schema/vocab";
import { addCalendarPeriod, daysBetween, dueOn, type IsoDate } from "./working-days";

/**
 * The last day to appeal to the First-tier Tribunal (SEND) in England: the later of 2 months from the LA's decision
 * and 1 month from the mediation certificate, each moved by the Tribunal's rule for non-working days, Christmas and
 * August (Children and Families Act 2014 s.55; SEND Regulations 2014, reg 33-34; HESC Rules 2008, r.20(1) and r.12).
 * Jersey's appeals go to the Minister, not the Tribunal (worker/workflow/drs-procedure.ts): this is England's rule.
 */
export function appealDeadline(decidedOn: IsoDate, certificateOn: IsoDate | null, region: Region): IsoDate {
  const fromDecision = dueOn(decidedOn, { amount: 2, unit: "months", deadline: "tribunal" }, region);
  if (certificateOn === null) return fromDecision;
  const fromCertificate = dueOn(certificateOn, { amount: 1, unit: "months", deadline: "tribunal" }, region);
  return fromCertificate > fromDecision ? fromCertificate : fromDecision;
}

/** The days around mediation (SEND Regulations 2014, reg 32, 33 and 37), each from the day it happened. */
export function mediationDates(
  events: { decidedOn: IsoDate; adviserContactedOn?: IsoDate; mediationWantedOn?: IsoDate },
  region: Region,
  closures?: ReadonlySet<string>,
): { contactAdviserBy: IsoDate; certificateBy: IsoDate | null; mediationBy: IsoDate | null } {
  return {
    contactAdviserBy: addCalendarPeriod(events.decidedOn, 2, "months"),
    certificateBy: events.adviserContactedOn ? dueOn(events.adviserContactedOn, { amount: 3, unit: "workingDays" }, region, closures) : null,
    mediationBy: events.mediationWantedOn ? addCalendarPeriod(events.mediationWantedOn, 30, "days") : null,
  };
}

/**
 * Phase transfer: the plan is amended by 15 February of the calendar year of the transfer, or by 31 March for a move
 * from secondary school to post-16 (SEND Regulations 2014, reg 18(1)). `transferOn` is the day the child moves.
 */
export function phaseTransferAmendedBy(transferOn: IsoDate, toPostSixteen: boolean): IsoDate {
  const year = transferOn.slice(0, 4);
  return toPostSixteen ? `${year}-03-31` : `${year}-02-15`;
}

/** Whole years of age on a day: a birthday on 29 February comes on 1 March in a common year. */
export function ageOn(dateOfBirth: IsoDate, on: IsoDate): number {
  if (daysBetween(dateOfBirth, on) < 0) throw new RangeError(`Born ${dateOfBirth}, after ${on}`);
  const years = Number(on.slice(0, 4)) - Number(dateOfBirth.slice(0, 4));
  return on.slice(5) < dateOfBirth.slice(5) ? years - 1 : years;
}

/**
 * The next review of an EHC plan after one held on `reviewedOn`: a child under five on that day is reviewed every
 * 3 to 6 months (SEND Code of Practice 2014, 9.178), so not before `earliest` and by `dueBy`; an older child at least
 * every 12 months (Children and Families Act 2014 s.44(1)).
 */
export function nextEhcReview(dateOfBirth: IsoDate, reviewedOn: IsoDate): { underFive: boolean; earliest: IsoDate; dueBy: IsoDate } {
  const underFive = ageOn(dateOfBirth, reviewedOn) < 5;
  return underFive
    ? { underFive, earliest: addCalendarPeriod(reviewedOn, 3, "months"), dueBy: addCalendarPeriod(reviewedOn, 6, "months") }
    : { underFive, earliest: reviewedOn, dueBy: addCalendarPeriod(reviewedOn, 12, "months") };
}
