import { addMonths, differenceInCalendarDays, parseISO } from "date-fns";
import type { AreaOfConcern, FrameworkId, SenProvisionCode } from "../../schema/vocab";
import { frameworkIds, reviewClockKinds } from "../../schema/vocab";
import { frameworkFor } from "../workflow/frameworks";
import type { ClockKind } from "../workflow/timescales";

/** The dashboard's words for the domain's ids, so tables read as people speak. */

export function stageOf(framework: FrameworkId, stage: string): { label: string; provisionCode: SenProvisionCode; onSenRegister: boolean } {
  const definition = frameworkFor(framework).stages[stage];
  return definition ?? { label: stage, provisionCode: "N", onSenRegister: false };
}

export const registerStages = (framework: FrameworkId) =>
  Object.entries(frameworkFor(framework).stages)
    .filter(([, stage]) => stage.onSenRegister)
    .map(([id]) => id);

/** Every stage id of a framework (a list of options is never empty). */
export function stageIds(framework: FrameworkId): [string, ...string[]] {
  const [first, ...rest] = Object.keys(frameworkFor(framework).stages);
  if (!first) throw new Error(`The ${framework} framework has no stages`);
  return [first, ...rest];
}

/** Every stage of every framework: an LA's schools may follow different ones. */
export function everyStageId(): [string, ...string[]] {
  const [first, ...rest] = [...new Set(frameworkIds.flatMap((framework) => stageIds(framework)))];
  if (!first) throw new Error("No framework has stages");
  return [first, ...rest];
}

/** The stages of a framework that place a pupil on the SEN register. */
export function registerStageIds(framework: FrameworkId): [string, ...string[]] {
  const [first, ...rest] = registerStages(framework);
  if (!first) throw new Error(`The ${framework} framework has no SEN register`);
  return [first, ...rest];
}

export const areaLabels: Record<AreaOfConcern, string> = {
  cognitionAndLearning: "Cognition and learning",
  emotionalBehaviouralSocial: "Emotional, behavioural and social",
  communicationAndInteraction: "Communication and interaction",
  sensory: "Sensory",
  physicalMedical: "Physical / medical",
  socialEmotionalMentalHealth: "Social, emotional and mental health",
  sensoryPhysical: "Sensory and/or physical",
};
export const areaLabel = (area: string) => areaLabels[area as AreaOfConcern] ?? area;

export const reviewKindLabels: Record<(typeof reviewClockKinds)[number], string> = {
  planReview: "Plan review date",
  reviewsTwiceYearly: "Review at least twice a year",
  statementAnnualReview: "Statement annual review",
  ehcPlanAnnualReview: "EHC plan annual review",
};

/** The DRS clocks (worker/workflow/timescales.ts) whose next due date is a referral's next deadline. */
export const drsClockKinds = [
  "drsReferralForwarded",
  "drsPartiesContacted",
  "drsMeetingOffered",
  "drsMeetingHeld",
  "tribunalAppealWindow",
] as const satisfies readonly ClockKind[];

export const clockLabels: Partial<Record<ClockKind, string>> = {
  ...reviewKindLabels,
  drsReferralForwarded: "LA forwards the referral to DRS",
  drsPartiesContacted: "DRS contacts both parties",
  drsMeetingOffered: "DRS offers a meeting",
  drsMeetingHeld: "Meeting held",
  tribunalAppealWindow: "Appeal to the tribunal",
};
export const clockLabel = (kind: string) => clockLabels[kind as ClockKind] ?? humanise(kind);

/** "drsContactedParties" -> "DRS contacted parties": a readable fallback for ids without a label of their own. */
export function humanise(id: string): string {
  const words = id.replace(/([a-z])([A-Z])/g, "$1 $2").toLowerCase();
  return (words.charAt(0).toUpperCase() + words.slice(1)).replace(/\b(drs|ehc|la|sen)\b/gi, (acronym) => acronym.toUpperCase());
}

export const dayOf = (now: Date) => now.toISOString().slice(0, 10);
export const daysFrom = (from: string, to: string) => differenceInCalendarDays(parseISO(to), parseISO(from));

/** The English school year starts on 1 September: "this year" for parent meetings (SEND Code 6.65). */
export function schoolYearStart(today: string): string {
  const year = Number(today.slice(0, 4));
  return Number(today.slice(5, 7)) >= 9 ? `${year}-09-01` : `${year - 1}-09-01`;
}

export const monthsBefore = (today: string, months: number) => addMonths(parseISO(today), -months).toISOString().slice(0, 10);

/** Whole pence as pounds, by integer arithmetic: 16250 is "£162.50". */
export const pounds = (pence: number) => `${pence < 0 ? "-" : ""}£${Math.trunc(Math.abs(pence) / 100)}.${String(Math.abs(pence) % 100).padStart(2, "0")}`;
export const fullName = (pupil: { givenName: string; familyName: string }) => `${pupil.givenName} ${pupil.familyName}`;
