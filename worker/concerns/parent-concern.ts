import { and, eq, gte } from "drizzle-orm";
import type { ParentConcernInput } from "../../schema/parent-concern";
import { auditLog, closureDays, localAuthorities, outbox, recordsOfConcern, schools } from "../../schema/tables";
import type { Db } from "../app-env";
import { dueOn } from "../calendar/working-days";
import { overridesOf, timescalesInForceQuery } from "../las/settings";
import { resolveTimescales, type Timescale } from "../workflow/timescales";
import { hmacToken, newReference, sha256Hex } from "./secrets";
import { outboxRow } from "../mail/outbox";

export type PublicSchool = typeof schools.$inferSelect;

export async function schoolBySlug(db: Db, slug: string): Promise<PublicSchool | null> {
  return (await db.select().from(schools).where(eq(schools.publicSlug, slug)).get()) ?? null;
}

/** Where the school's staff read a parent's concern. */
export const parentConcernPath = (schoolId: string, concernId: string) => `/forms/schools/${schoolId}/parent-concerns/${concernId}`;

export type SubmittedConcern = {
  reference: string;
  respondBy: string;
  /** The secret of the parent's private status link; only its hash is stored. */
  statusToken: string;
  /** True when this key had already made the concern: nothing new was stored. */
  replayed: boolean;
};

export type ParentConcernOutcome =
  | { ok: true; concern: SubmittedConcern }
  | { ok: false; reason: "keyReusedForAnotherConcern" | "schoolNotFound" | "rateLimited" };

/**
 * The status secret is derived from the idempotency key under the server's secret, so a retry with the same key is
 * shown the same private link although the link's secret is never stored: only SHA-256 of it is.
 */
const statusTokenFor = (secret: string, schoolId: string, key: string) => hmacToken(secret, `stepwise concern status\0${schoolId}\0${key}`);

/** A retry is the same concern only if it is about the same child and says the same thing. */
const sameConcern = (stored: { childName: string | null; childDateOfBirth: string | null; description: string }, input: ParentConcernInput) =>
  stored.childName === input.childName && stored.childDateOfBirth === input.childDateOfBirth && stored.description === input.description;

function storedByKey(db: Db, schoolId: string, keyHash: string) {
  return db
    .select({
      reference: recordsOfConcern.reference,
      respondBy: recordsOfConcern.respondBy,
      childName: recordsOfConcern.childName,
      childDateOfBirth: recordsOfConcern.childDateOfBirth,
      description: recordsOfConcern.description,
    })
    .from(recordsOfConcern)
    .where(and(eq(recordsOfConcern.schoolId, schoolId), eq(recordsOfConcern.idempotencyKey, keyHash)));
}

/**
 * The school behind a public link, its LA's local timescales and the closure days from `today`, in one round trip:
 * everything a concern's response date needs, so a submission reads once before it writes.
 */
async function schoolWithCalendar(db: Db, slug: string, today: string) {
  const bySlug = eq(schools.publicSlug, slug);
  const laOfSchool = db.select({ laId: schools.laId }).from(schools).where(bySlug);
  const [[school], inForce, closures] = await db.batch([
    db.select().from(schools).where(bySlug),
    // The concern is received today: the LA's setting in force today.
    timescalesInForceQuery(db, laOfSchool, today),
    db
      .select({ date: closureDays.date })
      .from(closureDays)
      .innerJoin(schools, eq(schools.laId, closureDays.laId))
      .where(and(bySlug, gte(closureDays.date, today))),
  ]);
  if (!school) return null;
  const timescale = resolveTimescales(overridesOf(inForce)).parentConcernResponse;
  return { school, timescale, respondBy: dueOn(today, timescale, school.region, new Set(closures.map((c) => c.date))) };
}

export async function parentConcernTimescale(db: Db, school: PublicSchool, today: string): Promise<{ timescale: Timescale; respondBy: string }> {
  const found = await schoolWithCalendar(db, school.publicSlug, today);
  if (!found) throw new Error(`school ${school.id} has no public link`);
  return found;
}

/**
 * A parent's concern through the school's public link: stored once per idempotency key, with a reference, a date the
 * school will respond by (a local timescale) and an acknowledgement queued for the parent in the same batch.
 * One read, then one write: a repeated key is refused by the unique index on (school, key), and only then is the
 * earlier concern read, so the common case never pays for the lookup. `admit` is asked (the rate limits) only once
 * the school is known, just before the write; a retry it refuses is still answered with the concern its key made.
 */
export async function submitParentConcern(
  db: Db,
  request: {
    slug: string;
    input: ParentConcernInput;
    idempotencyKey: string;
    secret: string;
    at: string;
    origin: string;
    admit: (schoolId: string) => Promise<boolean>;
  },
): Promise<ParentConcernOutcome> {
  const { input, at } = request;
  const [found, keyHash] = await Promise.all([schoolWithCalendar(db, request.slug, at.slice(0, 10)), sha256Hex(request.idempotencyKey)]);
  if (!found) return { ok: false, reason: "schoolNotFound" };
  const { school, respondBy } = found;
  const statusToken = await statusTokenFor(request.secret, school.id, request.idempotencyKey);
  const replay = async (): Promise<ParentConcernOutcome | null> => {
    const [stored] = await storedByKey(db, school.id, keyHash);
    if (!stored) return null;
    if (!sameConcern(stored, input)) return { ok: false, reason: "keyReusedForAnotherConcern" };
    return { ok: true, concern: { reference: stored.reference ?? "", respondBy: stored.respondBy ?? "", statusToken, replayed: true } };
  };
  if (!(await request.admit(school.id))) return (await replay()) ?? { ok: false, reason: "rateLimited" };
  const statusTokenHash = await sha256Hex(statusToken);
  for (let attempt = 0; ; attempt++) {
    const id = crypto.randomUUID();
    const reference = newReference();
    try {
      await db.batch([
        db.insert(recordsOfConcern).values({
          ...input,
          id,
          schoolId: school.id,
          raisedBy: "parent",
          reference,
          statusTokenHash,
          respondBy,
          idempotencyKey: keyHash,
          createdAt: at,
        }),
        ...(input.parentEmail
          ? [
              db.insert(outbox).values(
                outboxRow({
                  laId: school.laId,
                  schoolId: school.id,
                  audience: "parents",
                  recipientEmail: input.parentEmail,
                  template: "parentConcernAcknowledgement",
                  // Only what the school and Stepwise wrote: anyone can type any address and any words into the form, so
                  // nothing typed goes back out under the school's name. The status link is kept only until it is sent.
                  payload: {
                    reference,
                    schoolName: school.name,
                    respondBy,
                    receivedOn: at.slice(0, 10),
                    statusUrl: new URL(`/s/${school.publicSlug}/status/${statusToken}`, request.origin).href,
                  },
                  dedupeKey: `parent-concern-ack:${id}`,
                  at: at,
                }),
              ),
            ]
          : []),
        // The school's SENCOs and heads hear of it at once: the parent has been given a date.
        db.insert(outbox).values(
          outboxRow({
            laId: school.laId,
            schoolId: school.id,
            audience: "staff",
            template: "parentConcernReceived",
            payload: { reference, childName: input.childName, respondBy, url: new URL(parentConcernPath(school.id, id), request.origin).href },
            dedupeKey: `parent-concern-received:${id}`,
            at: at,
          }),
        ),
        db.insert(auditLog).values({
          at,
          actorKind: "public",
          action: "create",
          resource: "recordOfConcern",
          resourceId: id,
          laId: school.laId,
          schoolId: school.id,
          route: "POST /s/:slug/concern",
        }),
      ]);
      return { ok: true, concern: { reference, respondBy, statusToken, replayed: false } };
    } catch (error) {
      // The key was used before (a retry, or a twin request that won the race), or (rarely) the reference was taken.
      const twin = await replay();
      if (twin) return twin;
      if (attempt >= 2) throw error;
    }
  }
}

/** What the parent's private link shows; null for an unknown or mistyped link. */
export async function concernStatus(db: Db, slug: string, token: string) {
  if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return null;
  const row = await db
    .select({ concern: recordsOfConcern, school: schools })
    .from(recordsOfConcern)
    .innerJoin(schools, eq(schools.id, recordsOfConcern.schoolId))
    .where(and(eq(recordsOfConcern.statusTokenHash, await sha256Hex(token)), eq(schools.publicSlug, slug)))
    .get();
  return row ?? null;
}
