import { and, desc, eq, gt, isNull } from "drizzle-orm";
import { outbox, parentLinks } from "../../schema/tables";
import type { Db } from "../app-env";
import { hashSecret, newSecret, secretPattern } from "../auth/secrets";
import type { PupilRow } from "../pupils/queries";
import { outboxRow } from "../mail/outbox";
import { refuseIfClosed } from "../records/closed";
import { storeOnce } from "../records/one-time-keys";
import { hmacToken } from "../concerns/secrets";

export type ParentLinkInput = { parentName: string; parentEmail?: string | null | undefined; expiresInDays: number; idempotencyKey?: string | undefined };

/**
 * A parent's capability link to one child's record: 256 random bits, of which only the hash is kept. The URL is
 * returned once, to be shown to the SENCO or head, and queued to the parent by email when an address is given.
 * Given with a one-time key, its secret is derived from the key under the deployment's secret: the same form sent twice
 * (a double click, a refreshed page) stores one link and shows that same link each time, never kept in between.
 */
export async function createParentLink(db: Db, pupil: PupilRow, input: ParentLinkInput, createdBy: string, baseUrl: string, now: Date, serverSecret: string) {
  const closed = refuseIfClosed(pupil);
  if (closed) return closed;
  const key = input.idempotencyKey ?? null;
  const secret = key ? await hmacToken(serverSecret, `parentLink\n${pupil.id}\n${key}`) : newSecret();
  const id = crypto.randomUUID();
  const url = `${baseUrl}/parent/${secret}`;
  const expiresAt = new Date(now.getTime() + input.expiresInDays * 86_400_000).toISOString();
  const link = {
    id,
    pupilId: pupil.id,
    schoolId: pupil.schoolId,
    laId: pupil.laId,
    parentName: input.parentName,
    parentEmail: input.parentEmail ?? null,
    tokenHash: await hashSecret(secret),
    createdByUserId: createdBy,
    expiresAt,
    idempotencyKey: key,
    createdAt: now.toISOString(),
  };
  const email = input.parentEmail
    ? [
        db.insert(outbox).values(
          outboxRow({
            laId: pupil.laId,
            schoolId: pupil.schoolId,
            pupilId: pupil.id,
            audience: "parents",
            recipientEmail: input.parentEmail,
            template: "parentLink",
            payload: { parentName: input.parentName, childGivenName: pupil.givenName, url, expiresAt },
            dedupeKey: `parentLink:${id}`,
            at: now.toISOString(),
          }),
        ),
      ]
    : [];
  const given = await storeOnce(
    key,
    async () => {
      await db.batch([db.insert(parentLinks).values(link), ...email]);
      return link;
    },
    (sent) =>
      db
        .select({ id: parentLinks.id, parentName: parentLinks.parentName, parentEmail: parentLinks.parentEmail, expiresAt: parentLinks.expiresAt })
        .from(parentLinks)
        .where(and(eq(parentLinks.pupilId, pupil.id), eq(parentLinks.idempotencyKey, sent)))
        .get(),
  );
  return { link: { id: given.id, parentName: given.parentName, parentEmail: given.parentEmail, expiresAt: given.expiresAt }, url };
}

export function listParentLinks(db: Db, pupilId: string) {
  return db
    .select({
      id: parentLinks.id,
      parentName: parentLinks.parentName,
      parentEmail: parentLinks.parentEmail,
      expiresAt: parentLinks.expiresAt,
      revokedAt: parentLinks.revokedAt,
      lastUsedAt: parentLinks.lastUsedAt,
      createdAt: parentLinks.createdAt,
    })
    .from(parentLinks)
    .where(eq(parentLinks.pupilId, pupilId))
    .orderBy(desc(parentLinks.createdAt));
}

/** True if a live link of this pupil was revoked; false if there is no such link. */
export async function revokeParentLink(db: Db, pupilId: string, linkId: string, now: Date): Promise<boolean> {
  const revoked = await db
    .update(parentLinks)
    .set({ revokedAt: now.toISOString() })
    .where(and(eq(parentLinks.id, linkId), eq(parentLinks.pupilId, pupilId), isNull(parentLinks.revokedAt)))
    .returning({ id: parentLinks.id });
  return revoked.length > 0;
}

/** The live link a secret opens: well formed, known by its hash, not revoked, not expired. Otherwise null. */
export async function openParentLink(db: Db, secret: string, now: Date) {
  if (!secretPattern.test(secret)) return null;
  const link = await db
    .select()
    .from(parentLinks)
    .where(and(eq(parentLinks.tokenHash, await hashSecret(secret)), isNull(parentLinks.revokedAt), gt(parentLinks.expiresAt, now.toISOString())))
    .get();
  if (!link) return null;
  await db.update(parentLinks).set({ lastUsedAt: now.toISOString() }).where(eq(parentLinks.id, link.id));
  return link;
}
