import { asc, eq, getTableColumns, inArray } from "drizzle-orm";
import {
  alerts,
  assessmentRequests,
  auditLog,
  clocks,
  drsReferralSteps,
  drsReferrals,
  ehcStepRecords,
  outbox,
  parentLinks,
  parentMeetings,
  parentViews,
  planTargets,
  plans,
  pupilEvents,
  pupils,
  recordsOfConcern,
  reviews,
  specialistInvolvements,
  teachingAssignments,
} from "../../schema/tables";
import type { Db } from "../app-env";

/**
 * A subject access export: everything Stepwise holds about one pupil, table by table, including who read it (the
 * audit log). Left out: the hashes of parents' link secrets and the bodies of queued mail, which may carry a live link.
 */
export async function subjectAccessExport(db: Db, pupilId: string, exportedAt: string) {
  const [planRows, referralRows] = await db.batch([
    db.select().from(plans).where(eq(plans.pupilId, pupilId)).orderBy(asc(plans.dateWritten)),
    db.select().from(drsReferrals).where(eq(drsReferrals.pupilId, pupilId)).orderBy(asc(drsReferrals.createdAt)),
  ]);
  const planIds = planRows.map((p) => p.id);
  const referralIds = referralRows.map((r) => r.id);
  const { tokenHash: _linkHash, ...linkColumns } = getTableColumns(parentLinks);
  const { payload: _mailBody, ...mailColumns } = getTableColumns(outbox);
  const [
    pupil,
    taughtBy,
    concerns,
    targets,
    reviewRows,
    specialists,
    meetings,
    steps,
    assessments,
    ehcSteps,
    events,
    clockRows,
    alertRows,
    mail,
    links,
    views,
    audit,
  ] = await db.batch([
    db.select().from(pupils).where(eq(pupils.id, pupilId)),
    db.select().from(teachingAssignments).where(eq(teachingAssignments.pupilId, pupilId)),
    db.select().from(recordsOfConcern).where(eq(recordsOfConcern.pupilId, pupilId)).orderBy(asc(recordsOfConcern.createdAt)),
    db
      .select()
      .from(planTargets)
      .where(inArray(planTargets.planId, planIds.length ? planIds : [""]))
      .orderBy(asc(planTargets.planId), asc(planTargets.position)),
    db.select().from(reviews).where(eq(reviews.pupilId, pupilId)).orderBy(asc(reviews.reviewDate)),
    db.select().from(specialistInvolvements).where(eq(specialistInvolvements.pupilId, pupilId)).orderBy(asc(specialistInvolvements.requestedOn)),
    db.select().from(parentMeetings).where(eq(parentMeetings.pupilId, pupilId)).orderBy(asc(parentMeetings.heldOn)),
    db
      .select()
      .from(drsReferralSteps)
      .where(inArray(drsReferralSteps.referralId, referralIds.length ? referralIds : [""]))
      .orderBy(asc(drsReferralSteps.happenedOn)),
    db.select().from(assessmentRequests).where(eq(assessmentRequests.pupilId, pupilId)).orderBy(asc(assessmentRequests.requestedOn)),
    db.select().from(ehcStepRecords).where(eq(ehcStepRecords.pupilId, pupilId)).orderBy(asc(ehcStepRecords.happenedOn)),
    db.select().from(pupilEvents).where(eq(pupilEvents.pupilId, pupilId)).orderBy(asc(pupilEvents.seq)),
    db.select().from(clocks).where(eq(clocks.pupilId, pupilId)).orderBy(asc(clocks.startedOn)),
    db.select().from(alerts).where(eq(alerts.pupilId, pupilId)).orderBy(asc(alerts.raisedOn)),
    db.select(mailColumns).from(outbox).where(eq(outbox.pupilId, pupilId)).orderBy(asc(outbox.createdAt)),
    db.select(linkColumns).from(parentLinks).where(eq(parentLinks.pupilId, pupilId)).orderBy(asc(parentLinks.createdAt)),
    db.select().from(parentViews).where(eq(parentViews.pupilId, pupilId)).orderBy(asc(parentViews.submittedAt)),
    db.select().from(auditLog).where(eq(auditLog.pupilId, pupilId)).orderBy(asc(auditLog.at), asc(auditLog.id)),
  ]);
  return {
    exportedAt,
    pupil: pupil[0] ?? null,
    sections: {
      teachingAssignments: taughtBy,
      recordsOfConcern: concerns,
      plans: planRows,
      planTargets: targets,
      reviews: reviewRows,
      specialistInvolvements: specialists,
      parentMeetings: meetings,
      drsReferrals: referralRows,
      drsReferralSteps: steps,
      assessmentRequests: assessments,
      ehcStepRecords: ehcSteps,
      pupilEvents: events,
      clocks: clockRows,
      alerts: alertRows,
      outbox: mail,
      parentLinks: links,
      parentViews: views,
      auditLog: audit,
    },
  };
}
export type SubjectAccessExport = Awaited<ReturnType<typeof subjectAccessExport>>;
