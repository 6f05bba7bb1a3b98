import { and, desc, eq } from "drizzle-orm";
import type { ParentViewsInput } from "../../schema/inputs";
import { parentViews, plans } from "../../schema/tables";
import type { Db } from "../app-env";
import { refuseIfClosed } from "./closed";
import { storeOnce } from "./one-time-keys";

/** Who gave the views: a member of staff taking them down, or the parent through their private link. */
export type ViewsGivenThrough = { recordedByUserId: string } | { parentLinkId: string };

/**
 * A parent's views before a review (SEND Code 6.54; the seed 000 review forms ask for them). Used by the staff route
 * and by the parent's own link; the plan they are for must be the pupil's.
 */
export async function recordParentViews(
  db: Db,
  pupil: { id: string; schoolId: string; closedAt: string | null },
  views: ParentViewsInput,
  givenThrough: ViewsGivenThrough,
  at: string,
) {
  const closed = refuseIfClosed(pupil);
  if (closed) return closed;
  const planId = views.planId ?? null;
  if (planId) {
    const plan = await db
      .select({ id: plans.id })
      .from(plans)
      .where(and(eq(plans.id, planId), eq(plans.pupilId, pupil.id)))
      .get();
    if (!plan) return { ok: false, refusal: { code: "invalid_reference", message: "No such plan is recorded for this pupil", field: "planId" } } as const;
  }
  const insert = db
    .insert(parentViews)
    .values({
      id: crypto.randomUUID(),
      pupilId: pupil.id,
      schoolId: pupil.schoolId,
      planId,
      whatIsGoingWell: views.whatIsGoingWell ?? null,
      concerns: views.concerns ?? null,
      childViews: views.childViews ?? null,
      questionsForReview: views.questionsForReview ?? null,
      recordedByUserId: "recordedByUserId" in givenThrough ? givenThrough.recordedByUserId : null,
      parentLinkId: "parentLinkId" in givenThrough ? givenThrough.parentLinkId : null,
      submittedAt: at,
      idempotencyKey: views.idempotencyKey ?? null,
    })
    .returning();
  const stored = await storeOnce(
    views.idempotencyKey,
    async () => (await insert)[0]!,
    (key) =>
      db
        .select()
        .from(parentViews)
        .where(and(eq(parentViews.pupilId, pupil.id), eq(parentViews.idempotencyKey, key)))
        .get(),
  );
  return { ok: true, views: stored } as const;
}

export async function listParentViews(db: Db, pupilId: string) {
  return db.select().from(parentViews).where(eq(parentViews.pupilId, pupilId)).orderBy(desc(parentViews.submittedAt));
}
