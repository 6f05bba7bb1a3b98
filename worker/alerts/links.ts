import type { ClockKind } from "../workflow/timescales";

/** What an alert's link needs: the pupil, and the record the clock runs for where it is one record's. */
export type AlertSubject = { clockKind: string; pupilId: string; subjectKind: string | null; subjectId: string | null };

const pupilPage = (pupilId: string) => `/forms/pupils/${pupilId}`;

/** The forms that record what stops a clock, where one form does; every other clock is resolved from the pupil's page. */
const formOf = new Map<string, (pupilId: string) => string>(
  Object.entries({
    planReview: (pupilId) => `${pupilPage(pupilId)}/review`,
    reviewsTwiceYearly: (pupilId) => `${pupilPage(pupilId)}/review`,
    parentMeetingsThreeAYear: (pupilId) => `${pupilPage(pupilId)}/parent-meeting`,
  } satisfies Partial<Record<ClockKind, (pupilId: string) => string>>),
);

/**
 * The page that resolves an alert: the form that records the thing, or the DRS referral whose step it is, or else the
 * pupil's page, which offers every decision open now (each clock's stoppedBy, worker/workflow/clock-kinds.ts).
 */
export function resolvingPath(alert: AlertSubject): string {
  if (alert.subjectKind === "drsReferral" && alert.subjectId) return `/forms/drs-referrals/${alert.subjectId}`;
  return (formOf.get(alert.clockKind) ?? pupilPage)(alert.pupilId);
}
