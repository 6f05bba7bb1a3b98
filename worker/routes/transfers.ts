import { Hono, type Context } from "hono";
import * as v from "valibot";
import { entityId, transferListQuery, transferStart } from "../../schema/inputs";
import type { AppEnv } from "../app-env";
import { auditStaff, staffAuditRecord } from "../audit/record";
import { authorisePupil, authoriseSchool, enforce } from "../auth/authorise";
import { schoolAccess } from "../auth/policy";
import { requireStaff } from "../auth/require-staff";
import { notFound } from "../http/errors";
import { describeRoute } from "../http/openapi";
import { recordRefusalError, refusalError, writeFailedError } from "../http/refusals";
import { validate } from "../http/validate";
import { pupilCaseFor } from "../pupil-case";
import type { TransferEnding } from "../pupil-case/transfer";
import { describePupil } from "../pupils/queries";
import { incomingTransfers, readTransfer, startTransfer, type TransferRow } from "../records/transfers";

const tags = ["Transfers between schools"];
const transferParam = v.object({ id: entityId });
const now = () => new Date().toISOString();

/** The transfer, if it is to one of the caller's schools and their role accepts transfers; anyone else finds nothing. */
export async function authoriseAcceptance(c: Context<AppEnv>, transferId: string, schoolId?: string): Promise<TransferRow> {
  const transfer = await readTransfer(c.var.db, transferId);
  if (!transfer || (schoolId && transfer.toSchoolId !== schoolId)) throw notFound("Transfer");
  enforce(schoolAccess(c.var.caller, { id: transfer.toSchoolId, laId: transfer.toLaId }, "acceptTransfer"), "Transfer");
  return transfer;
}

/** Accepting: the pupil's object moves the record; an audit entry goes into each school's log with the change. */
export async function acceptAsCaller(c: Context<AppEnv>, transfer: TransferRow) {
  const entry = { action: "move", resource: "transfer", resourceId: transfer.id, pupilId: transfer.pupilId } as const;
  const audits = {
    leaving: staffAuditRecord(c, { ...entry, schoolId: transfer.fromSchoolId, laId: transfer.fromLaId }),
    receiving: staffAuditRecord(c, { ...entry, schoolId: transfer.toSchoolId, laId: transfer.toLaId }),
  };
  const actor = { userId: c.var.caller.userId, role: c.var.caller.role };
  return pupilCaseFor(c.env, transfer.pupilId).acceptTransfer(transfer.id, actor, now(), audits);
}

/** The transfer, if its pupil is one the caller may transfer (so still at the leaving school); anyone else finds nothing. */
export async function authoriseCancellation(c: Context<AppEnv>, transferId: string, pupilId?: string): Promise<TransferRow> {
  const transfer = await readTransfer(c.var.db, transferId);
  if (!transfer || (pupilId && transfer.pupilId !== pupilId)) throw notFound("Transfer");
  const pupil = await authorisePupil(c, transfer.pupilId, "transfer", "transfer");
  if (pupil.schoolId !== transfer.fromSchoolId) throw notFound("Transfer");
  return transfer;
}

/** Cancelling (the leaving school) or declining (the receiving school): the pupil's object marks it; both logs say who. */
export function endAsCaller(c: Context<AppEnv>, transfer: TransferRow, ending: TransferEnding) {
  const entry = { action: "update", resource: "transfer", resourceId: transfer.id, pupilId: transfer.pupilId } as const;
  const audits = {
    leaving: staffAuditRecord(c, { ...entry, schoolId: transfer.fromSchoolId, laId: transfer.fromLaId }),
    receiving: staffAuditRecord(c, { ...entry, schoolId: transfer.toSchoolId, laId: transfer.toLaId }),
  };
  return pupilCaseFor(c.env, transfer.pupilId).endTransfer(transfer.id, ending, { userId: c.var.caller.userId, role: c.var.caller.role }, now(), audits);
}

/** Issue 18: a pupil's move between two Stepwise schools, started by the leaving school and accepted by the receiving one. */
export const transferRoutes = new Hono<AppEnv>()
  .use(requireStaff())
  .post(
    "/",
    describeRoute({
      summary: "Start a transfer of a pupil to another school on Stepwise, named by its URN; nothing moves until that school accepts",
      tags,
      body: transferStart,
      responses: {
        201: "The transfer, waiting",
        400: "Invalid body",
        403: "Only the SENCO or head",
        404: "No such pupil",
        409: "A transfer is already waiting, or the record is closed",
        422: "No school with that URN",
      },
    }),
    validate("json", transferStart),
    async (c) => {
      const body = c.req.valid("json");
      const pupil = await authorisePupil(c, body.pupilId, "transfer", "transfer");
      const started = await startTransfer(c.var.db, pupil, body.urn, c.var.caller, now());
      if (!started.ok) throw recordRefusalError(started.refusal);
      const { toSchool } = started.transfer;
      auditStaff(c, { action: "move", resource: "transfer", resourceId: started.transfer.id, pupilId: pupil.id, schoolId: toSchool.id, laId: toSchool.laId });
      return c.json(
        { transfer: { id: started.transfer.id, startedAt: started.transfer.startedAt, toSchool: { name: toSchool.name, urn: toSchool.urn } } },
        201,
      );
    },
  )
  .get(
    "/",
    describeRoute({
      summary: "Transfers waiting for a school to accept",
      tags,
      query: transferListQuery,
      responses: { 200: "Newest first", 403: "Only the SENCO or head", 404: "No such school" },
    }),
    validate("query", transferListQuery),
    async (c) => {
      const school = await authoriseSchool(c, c.req.valid("query").schoolId, "acceptTransfer");
      auditStaff(c, { action: "read", resource: "transfer", schoolId: school.id, laId: school.laId });
      return c.json({ transfers: await incomingTransfers(c.var.db, school.id) });
    },
  )
  .post(
    "/:id/accept",
    describeRoute({
      summary: "Accept a transfer: the record, plans, reviews and running clocks move to your school; the leaving school keeps none of it",
      tags,
      responses: {
        200: "The pupil, now at your school",
        403: "Only the SENCO or head",
        404: "No such transfer to your school",
        409: "Already accepted, or the UPN is on your register",
        503: "Not saved; retry",
      },
    }),
    validate("param", transferParam),
    async (c) => {
      const transfer = await authoriseAcceptance(c, c.req.valid("param").id);
      const outcome = await acceptAsCaller(c, transfer);
      if (!outcome.ok) throw "refusal" in outcome ? refusalError(outcome.refusal) : writeFailedError(outcome.writeFailed.message);
      return c.json({ pupil: describePupil(outcome.after.pupil, outcome.after.runningClocks) });
    },
  )
  .post(
    "/:id/cancel",
    describeRoute({
      summary: "The leaving school cancels a transfer still waiting: nothing moves",
      tags,
      responses: { 200: "Cancelled", 403: "Only the SENCO or head", 404: "No such transfer of your pupil", 409: "No longer waiting" },
    }),
    validate("param", transferParam),
    async (c) => {
      const transfer = await authoriseCancellation(c, c.req.valid("param").id);
      const ended = await endAsCaller(c, transfer, "cancelled");
      if (!ended.ok) throw refusalError(ended.refusal);
      return c.json({ transfer: { id: transfer.id, status: "cancelled" } });
    },
  )
  .post(
    "/:id/decline",
    describeRoute({
      summary: "The receiving school declines a transfer waiting for it: the record stays with the leaving school",
      tags,
      responses: { 200: "Declined", 403: "Only the SENCO or head", 404: "No such transfer to your school", 409: "No longer waiting" },
    }),
    validate("param", transferParam),
    async (c) => {
      const transfer = await authoriseAcceptance(c, c.req.valid("param").id);
      const ended = await endAsCaller(c, transfer, "declined");
      if (!ended.ok) throw refusalError(ended.refusal);
      return c.json({ transfer: { id: transfer.id, status: "declined" } });
    },
  );
