import { and, desc, eq } from "drizzle-orm";
import { pupilTransfers, pupils, schools } from "../../schema/tables";
import type { Db, StaffCaller } from "../app-env";
import type { PupilRow } from "../pupils/queries";
import { recordRefusal } from "./refusal";

export type TransferRow = typeof pupilTransfers.$inferSelect;

const urnRefusal = (
  code: "no_school_with_urn" | "transfer_to_own_school" | "other_framework" | "transfer_pending" | "pupil_closed",
  message: string,
  fieldMessage = message,
) => recordRefusal({ code, message, field: "urn", fieldMessage });

/** A waiting transfer stored twice (a double click racing itself) breaks the one-pending index. */
const isSecondPending = (error: unknown) =>
  /UNIQUE constraint failed: pupil_transfers\.pupil_id/.test(error instanceof Error ? `${error.message} ${String(error.cause ?? "")}` : String(error));

/**
 * The leaving school starts a move to the school with this URN (issue 18). Nothing moves yet: the receiving school's
 * SENCO accepts it (pupil-case/transfer.ts). Only schools of the pupil's framework can take the record as it stands.
 */
export async function startTransfer(db: Db, pupil: PupilRow, urn: string, actor: StaffCaller, at: string) {
  if (pupil.closedAt) return urnRefusal("pupil_closed", "The pupil's record is closed, so it cannot move to another school");
  const to = await db.select().from(schools).where(eq(schools.urn, urn)).get();
  if (!to) return urnRefusal("no_school_with_urn", "No school on Stepwise has this unique reference number: check it with the receiving school");
  if (to.id === pupil.schoolId) return urnRefusal("transfer_to_own_school", "This is the pupil's own school: enter the URN of the school they are moving to");
  if (to.framework !== pupil.framework) {
    return urnRefusal(
      "other_framework",
      `${to.name} works to a different framework, so the record cannot move there on Stepwise: send a Common Transfer File instead`,
    );
  }
  const id = crypto.randomUUID();
  const row = {
    id,
    pupilId: pupil.id,
    fromSchoolId: pupil.schoolId,
    fromLaId: pupil.laId,
    toSchoolId: to.id,
    toLaId: to.laId,
    startedByUserId: actor.userId,
    startedAt: at,
  };
  try {
    await db.insert(pupilTransfers).values(row);
  } catch (error) {
    if (isSecondPending(error)) return urnRefusal("transfer_pending", "A transfer of this pupil is already waiting to be accepted");
    throw error;
  }
  return { ok: true, transfer: { id, toSchool: { id: to.id, laId: to.laId, name: to.name, urn: to.urn }, startedAt: at } } as const;
}

/** The pupil's waiting transfer and the school it is to, for the leaving school's page. */
export function pendingTransferOf(db: Db, pupilId: string) {
  return db
    .select({ id: pupilTransfers.id, startedAt: pupilTransfers.startedAt, toSchoolName: schools.name, toSchoolUrn: schools.urn })
    .from(pupilTransfers)
    .innerJoin(schools, eq(schools.id, pupilTransfers.toSchoolId))
    .where(and(eq(pupilTransfers.pupilId, pupilId), eq(pupilTransfers.status, "pending")))
    .get();
}

export function readTransfer(db: Db, transferId: string) {
  return db.select().from(pupilTransfers).where(eq(pupilTransfers.id, transferId)).get();
}

/**
 * Transfers waiting for this school to accept: who the child is (so the SENCO can match them to the admission) and
 * where they come from. Nothing else of the record shows before the school accepts it.
 */
export function incomingTransfers(db: Db, schoolId: string) {
  return db
    .select({
      id: pupilTransfers.id,
      startedAt: pupilTransfers.startedAt,
      fromSchoolName: schools.name,
      fromSchoolUrn: schools.urn,
      upn: pupils.upn,
      givenName: pupils.givenName,
      familyName: pupils.familyName,
      dateOfBirth: pupils.dateOfBirth,
      yearGroup: pupils.yearGroup,
    })
    .from(pupilTransfers)
    .innerJoin(pupils, eq(pupils.id, pupilTransfers.pupilId))
    .innerJoin(schools, eq(schools.id, pupilTransfers.fromSchoolId))
    .where(and(eq(pupilTransfers.toSchoolId, schoolId), eq(pupilTransfers.status, "pending")))
    .orderBy(desc(pupilTransfers.startedAt))
    .limit(200)
    .all();
}
