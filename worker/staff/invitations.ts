import { and, desc, eq, gt, inArray, isNull, sql, type SQL } from "drizzle-orm";
import type { StaffInvitationInput } from "../../schema/inputs";
import { invitationTeaching, outbox, pupils, staffInvitations, staffSchools, staffUsers, teachingAssignments } from "../../schema/tables";
import type { Db, StaffCaller } from "../app-env";
import { hashPassword } from "../auth/password";
import { hashSecret, newSecret } from "../auth/secrets";
import { constant } from "../drs/constant";
import { outboxRow } from "../mail/outbox";
import { storeOnce } from "../records/one-time-keys";

/** Long enough to reach someone on leave, short enough that a forgotten email is not a standing key. */
export const invitationLifetimeDays = 7;

export type InvitationScope = { laId: string | null; schoolId: string | null };

/** The invitation, stored by the hash of its secret, and the email that carries the secret: statements of one batch. */
async function invitationStatements(db: Db, input: StaffInvitationInput, scope: InvitationScope, invitedBy: string, baseUrl: string, now: Date) {
  const secret = newSecret();
  const id = crypto.randomUUID();
  const expiresAt = new Date(now.getTime() + invitationLifetimeDays * 86_400_000).toISOString();
  const acceptUrl = `${baseUrl}/staff/invitations/${secret}`;
  const statements = [
    db.insert(staffInvitations).values({
      id,
      email: input.email,
      name: input.name,
      role: input.role,
      laId: scope.laId,
      schoolId: scope.schoolId,
      tokenHash: await hashSecret(secret),
      invitedByUserId: invitedBy,
      expiresAt,
      idempotencyKey: input.idempotencyKey ?? null,
      createdAt: now.toISOString(),
    }),
    db.insert(outbox).values(
      outboxRow({
        laId: scope.laId,
        schoolId: scope.schoolId,
        audience: "staff",
        recipientEmail: input.email,
        template: "staffInvitation",
        payload: { name: input.name, role: input.role, acceptUrl, expiresAt },
        dedupeKey: `staffInvitation:${id}`,
        at: now.toISOString(),
      }),
    ),
  ] as const;
  return {
    statements,
    invitation: { id, email: input.email, name: input.name, role: input.role, laId: scope.laId, schoolId: scope.schoolId, expiresAt, acceptUrl },
  };
}

/**
 * Stores the invitation by the hash of its secret and queues the email that carries the secret, in one batch. The same
 * form sent twice is answered with the invitation the first sent, whose link went only by email.
 */
export async function inviteStaff(db: Db, input: StaffInvitationInput, scope: InvitationScope, invitedBy: string, baseUrl: string, now: Date) {
  const key = input.idempotencyKey ?? null;
  const store = async (): Promise<{ id: string; expiresAt: string; acceptUrl: string | null }> => {
    const { statements, invitation } = await invitationStatements(db, input, scope, invitedBy, baseUrl, now);
    await db.batch(statements);
    return invitation;
  };
  const sameKey = and(eq(staffInvitations.invitedByUserId, invitedBy), eq(staffInvitations.idempotencyKey, key ?? ""));
  return storeOnce(key, store, async () => {
    const earlier = await db.select({ id: staffInvitations.id, expiresAt: staffInvitations.expiresAt }).from(staffInvitations).where(sameKey).get();
    return (
      earlier && {
        id: earlier.id,
        email: input.email,
        name: input.name,
        role: input.role,
        laId: scope.laId,
        schoolId: scope.schoolId,
        expiresAt: earlier.expiresAt,
        acceptUrl: null,
      }
    );
  });
}

/**
 * Sends an open invitation again with a new link: the old link stops working, and the pupils given to the person
 * while invited move to the new invitation, all in one batch.
 */
export async function resendInvitation(
  db: Db,
  old: { id: string; name: string; email: string; role: StaffInvitationInput["role"] },
  scope: InvitationScope,
  invitedBy: string,
  baseUrl: string,
  now: Date,
) {
  const { statements, invitation } = await invitationStatements(db, { name: old.name, email: old.email, role: old.role }, scope, invitedBy, baseUrl, now);
  await db.batch([
    ...statements,
    db.update(invitationTeaching).set({ invitationId: invitation.id }).where(eq(invitationTeaching.invitationId, old.id)),
    db
      .update(staffInvitations)
      .set({ revokedAt: now.toISOString() })
      .where(and(eq(staffInvitations.id, old.id), isNull(staffInvitations.acceptedAt), isNull(staffInvitations.revokedAt))),
  ]);
  return invitation;
}

/** A teacher's invitation to the school that is not yet accepted or withdrawn: the one that may be given pupils. */
export async function openTeacherInvitation(db: Db, schoolId: string, invitationId: string) {
  return (
    (await db
      .select({ id: staffInvitations.id, name: staffInvitations.name, email: staffInvitations.email, role: staffInvitations.role })
      .from(staffInvitations)
      .where(
        and(
          eq(staffInvitations.id, invitationId),
          eq(staffInvitations.schoolId, schoolId),
          eq(staffInvitations.role, "teacher"),
          isNull(staffInvitations.acceptedAt),
          isNull(staffInvitations.revokedAt),
        ),
      )
      .get()) ?? null
  );
}

/** An invitation that can still be accepted: known, not used, not revoked, not expired. */
export async function openInvitation(db: Db, secret: string, now: Date) {
  return (
    (await db
      .select()
      .from(staffInvitations)
      .where(
        and(
          eq(staffInvitations.tokenHash, await hashSecret(secret)),
          isNull(staffInvitations.acceptedAt),
          isNull(staffInvitations.revokedAt),
          gt(staffInvitations.expiresAt, now.toISOString()),
        ),
      )
      .get()) ?? null
  );
}

export type Acceptance = { ok: true; userId: string } | { ok: false; reason: "notFound" | "emailTaken" };

/**
 * Creates the account with the password the person chose. Accepted once: the invitation is marked in the same batch,
 * and the unique email refuses a second account for the same person.
 */
export async function acceptInvitation(db: Db, secret: string, password: string, now: Date): Promise<Acceptance> {
  const invitation = await openInvitation(db, secret, now);
  if (!invitation) return { ok: false, reason: "notFound" };
  const taken = await db.select({ id: staffUsers.id }).from(staffUsers).where(eq(staffUsers.email, invitation.email)).get();
  if (taken) return { ok: false, reason: "emailTaken" };
  const userId = crypto.randomUUID();
  const hashed = await hashPassword(password);
  await db.batch([
    db
      .update(staffInvitations)
      .set({ acceptedAt: now.toISOString() })
      .where(and(eq(staffInvitations.id, invitation.id), isNull(staffInvitations.acceptedAt))),
    db.insert(staffUsers).values({
      id: userId,
      email: invitation.email,
      name: invitation.name,
      role: invitation.role,
      laId: invitation.laId,
      passwordHash: hashed.hash,
      passwordSalt: hashed.salt,
    }),
    ...(invitation.schoolId
      ? [db.insert(staffSchools).values({ userId, schoolId: invitation.schoolId }), ...teachingTaken(db, invitation.id, invitation.schoolId, userId)]
      : []),
  ]);
  return { ok: true, userId };
}

/** The pupils given to the invitation become the new teacher's, of those still open records of the school. */
function teachingTaken(db: Db, invitationId: string, schoolId: string, userId: string) {
  return [
    db.insert(teachingAssignments).select(
      db
        .select({ userId: constant<string>(userId, "user_id"), pupilId: invitationTeaching.pupilId })
        .from(invitationTeaching)
        .innerJoin(pupils, eq(pupils.id, invitationTeaching.pupilId))
        .where(and(eq(invitationTeaching.invitationId, invitationId), eq(pupils.schoolId, schoolId), isNull(pupils.closedAt))),
    ),
    db.delete(invitationTeaching).where(eq(invitationTeaching.invitationId, invitationId)),
  ] as const;
}

/** A withdrawn invitation takes the pupils given to it with it. */
export async function revokeInvitation(db: Db, id: string, now: Date) {
  await db.batch([
    db
      .update(staffInvitations)
      .set({ revokedAt: now.toISOString() })
      .where(and(eq(staffInvitations.id, id), isNull(staffInvitations.acceptedAt), isNull(staffInvitations.revokedAt))),
    db
      .delete(invitationTeaching)
      .where(
        and(
          eq(invitationTeaching.invitationId, id),
          sql`EXISTS (SELECT 1 FROM ${staffInvitations} WHERE ${staffInvitations.id} = ${id} AND ${staffInvitations.acceptedAt} IS NULL)`,
        ),
      ),
  ]);
}

/** The invitations the caller manages (policy.invitationAccess in SQL): never the secret, only its existence. */
export async function listInvitations(db: Db, caller: StaffCaller) {
  let visible: SQL | undefined;
  if (caller.role === "laOfficer") visible = and(eq(staffInvitations.laId, caller.laId ?? ""), isNull(staffInvitations.schoolId));
  else if (caller.role !== "admin") visible = inArray(staffInvitations.schoolId, caller.schoolIds.length ? caller.schoolIds : [""]);
  return db
    .select({
      id: staffInvitations.id,
      email: staffInvitations.email,
      name: staffInvitations.name,
      role: staffInvitations.role,
      laId: staffInvitations.laId,
      schoolId: staffInvitations.schoolId,
      expiresAt: staffInvitations.expiresAt,
      acceptedAt: staffInvitations.acceptedAt,
      revokedAt: staffInvitations.revokedAt,
      createdAt: staffInvitations.createdAt,
    })
    .from(staffInvitations)
    .where(visible)
    .orderBy(desc(staffInvitations.createdAt))
    .limit(200);
}
