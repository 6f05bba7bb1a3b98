import { and, desc, eq } from "drizzle-orm";
import { assessmentRequests, drsReferrals, plans, pupilTransfers, recordsOfConcern, reviews, schools, senHistory } from "../../schema/tables";
import type { Db } from "../app-env";
import { dueState, dueWords } from "../workflow/due";
import { runningClocksOf, type PupilRow } from "./queries";

/** How many of each kind of form the pupil's page lists, newest first; the API lists them all. */
const listed = 20;

/**
 * What a member of staff sees first about a pupil: the school, the clocks running (each judged due or overdue on
 * `today`, as the register and the tasks judge it), and the forms recorded (concerns, plans, reviews, DRS
 * referrals, assessment requests), newest first, in one round trip.
 */
export async function pupilFile(db: Db, pupil: PupilRow, today: string) {
  const [[school], running, concerns, planRows, reviewRows, referrals, requests, [arrival], senBefore] = await db.batch([
    db.select().from(schools).where(eq(schools.id, pupil.schoolId)),
    runningClocksOf(db, pupil.id),
    db
      .select({
        id: recordsOfConcern.id,
        createdAt: recordsOfConcern.createdAt,
        raisedBy: recordsOfConcern.raisedBy,
        sencoAction: recordsOfConcern.sencoAction,
      })
      .from(recordsOfConcern)
      .where(eq(recordsOfConcern.pupilId, pupil.id))
      .orderBy(desc(recordsOfConcern.createdAt))
      .limit(listed),
    db
      .select({ id: plans.id, kind: plans.kind, dateWritten: plans.dateWritten, reviewDate: plans.reviewDate })
      .from(plans)
      .where(eq(plans.pupilId, pupil.id))
      .orderBy(desc(plans.dateWritten))
      .limit(listed),
    db
      .select({ id: reviews.id, reviewDate: reviews.reviewDate, decision: reviews.decision })
      .from(reviews)
      .where(eq(reviews.pupilId, pupil.id))
      .orderBy(desc(reviews.reviewDate))
      .limit(listed),
    db
      .select({ id: drsReferrals.id, createdAt: drsReferrals.createdAt, currentStep: drsReferrals.currentStep })
      .from(drsReferrals)
      .where(eq(drsReferrals.pupilId, pupil.id))
      .orderBy(desc(drsReferrals.createdAt))
      .limit(listed),
    db
      .select({
        id: assessmentRequests.id,
        kind: assessmentRequests.kind,
        requestedOn: assessmentRequests.requestedOn,
        laDecision: assessmentRequests.laDecision,
      })
      .from(assessmentRequests)
      .where(eq(assessmentRequests.pupilId, pupil.id))
      .orderBy(desc(assessmentRequests.requestedOn), desc(assessmentRequests.createdAt))
      .limit(listed),
    // How the child came to this school, where a Stepwise transfer brought them: the school they left and the day.
    db
      .select({ fromSchoolName: schools.name, acceptedAt: pupilTransfers.acceptedAt })
      .from(pupilTransfers)
      .innerJoin(schools, eq(schools.id, pupilTransfers.fromSchoolId))
      .where(and(eq(pupilTransfers.pupilId, pupil.id), eq(pupilTransfers.toSchoolId, pupil.schoolId), eq(pupilTransfers.status, "accepted")))
      .orderBy(desc(pupilTransfers.acceptedAt))
      .limit(1),
    // The SEN history a Common Transfer File brought from the schools before.
    db
      .select({ id: senHistory.id, startDate: senHistory.startDate, provision: senHistory.provision })
      .from(senHistory)
      .where(eq(senHistory.pupilId, pupil.id))
      .orderBy(senHistory.startDate),
  ]);
  if (!school) return null;
  const transferredFrom = arrival?.acceptedAt ? { schoolName: arrival.fromSchoolName, on: arrival.acceptedAt.slice(0, 10) } : null;
  const due = running.map((clock) => ({ ...clock, overdue: dueState(clock.dueOn, today).state === "overdue", when: dueWords(clock.dueOn, today) }));
  return {
    pupil,
    school,
    running: due,
    concerns,
    plans: planRows,
    reviews: reviewRows,
    referrals,
    assessmentRequests: requests,
    transferredFrom,
    senHistory: senBefore,
  };
}

export type PupilFile = NonNullable<Awaited<ReturnType<typeof pupilFile>>>;
