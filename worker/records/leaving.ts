import { and, desc, eq } from "drizzle-orm";
import { localAuthorities, pupilEvents } from "../../schema/tables";
import type { Db } from "../app-env";
import { dayInWords } from "../calendar/day-words";
import type { PupilRow } from "../pupils/queries";

/**
 * Issue 18: the closing event's reason for a pupil who left for a school or setting not on Stepwise. The day they left
 * is the closing's day of record; the reason keeps it, and where they went, in the pupil's history.
 */
export const leavingReason = (left: { leftOn: string; destination?: string | null | undefined }) =>
  `Left the school on ${dayInWords(left.leftOn)}, ${left.destination ? `for ${left.destination}` : "destination not known"}: record closed`;

/**
 * A closed record as its page shows it: the closing event (who, when, why) and the day the scheduled run erases it,
 * the pupil's date of birth plus their LA's retention period (DOMAIN.md: 31 years by default).
 */
export async function closureOf(db: Db, pupil: PupilRow) {
  if (!pupil.closedAt) return null;
  const [[event], [authority]] = await db.batch([
    db
      .select({ reason: pupilEvents.reason, at: pupilEvents.at })
      .from(pupilEvents)
      .where(and(eq(pupilEvents.pupilId, pupil.id), eq(pupilEvents.move, "closeRecord")))
      .orderBy(desc(pupilEvents.seq))
      .limit(1),
    db.select({ years: localAuthorities.retentionYearsAfterBirth }).from(localAuthorities).where(eq(localAuthorities.id, pupil.laId)),
  ]);
  const years = authority?.years ?? 31;
  const erasedOn = `${Number(pupil.dateOfBirth.slice(0, 4)) + years}${pupil.dateOfBirth.slice(4)}`;
  return { reason: event?.reason ?? null, closedAt: pupil.closedAt, erasedOn: erasedOn.endsWith("02-29") ? `${erasedOn.slice(0, 8)}28` : erasedOn };
}
