import type { StaffCaller } from "../app-env";
import { pupilAccess } from "../auth/policy";
import type { PupilRow, RunningClockView } from "../pupils/queries";
import type { EhcStep } from "../../schema/vocab";
import { ehcStepRules, openEhcSteps, underFivesReview, type EhcStepRule, type OpenEhcStep } from "../workflow/ehc-cycle";
import { clockKindDetails } from "../workflow/clock-kinds";
import { frameworkFor } from "../workflow/frameworks";
import { partyOf } from "../workflow/transition";

/** The steps of the pupil's statutory process awaited now and the caller's to record (none where they may not). */
export function ehcStepsOpenTo(caller: StaffCaller, pupil: PupilRow, running: readonly Pick<RunningClockView, "kind">[]): OpenEhcStep[] {
  if (pupilAccess(caller, pupil, true, "recordEhcStep") !== "granted" || pupil.closedAt !== null) return [];
  return openEhcSteps(frameworkFor(pupil.framework), new Set(running.map((clock) => clock.kind)), partyOf(caller.role), pupil.yearGroup);
}

/** The process's name on the pupil's page, from the framework's kind of assessment. */
export const processName = (pupil: PupilRow) =>
  frameworkFor(pupil.framework).assessmentRequestKind === "statutoryAssessment" ? "Statutory assessment and Statement" : "EHC process";

/**
 * What a saved step now makes due: the clocks it started, running from its day (the under-fives' review in place of
 * the annual one where the child was under five), each with its label and due date.
 */
export function dueAfterStep(step: EhcStep, happenedOn: string, running: readonly Pick<RunningClockView, "kind" | "startedOn" | "dueOn">[]) {
  const rule: EhcStepRule = ehcStepRules[step];
  const started = new Set<string>(rule.starts);
  if (started.has(underFivesReview.instead)) started.add(underFivesReview.clock);
  if (rule.takesTransfer) started.add("ehcAmendedPlan");
  const labels: Readonly<Record<string, { label: string }>> = clockKindDetails;
  return running
    .filter((clock) => started.has(clock.kind) && clock.startedOn === happenedOn)
    .map((clock) => ({ label: labels[clock.kind]?.label ?? clock.kind, dueOn: clock.dueOn }));
}
