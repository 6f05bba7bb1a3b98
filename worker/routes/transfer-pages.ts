import { Hono } from "hono";
import * as v from "valibot";
import { entityId, pupilLeftForm, transferStartForm } from "../../schema/inputs";
import type { AppEnv } from "../app-env";
import { auditStaff } from "../audit/record";
import { authorisePupil, authoriseSchool } from "../auth/authorise";
import { emptyForm, withErrors } from "../html";
import { postedFields } from "../forms/http";
import { checkForm } from "../forms/shared/check-form";
import { leavingPage } from "../forms/templates/leaving";
import { incomingTransfersPage, transferPage } from "../forms/templates/transfer";
import { refusalMessage } from "../http/refusal-messages";
import { validate } from "../http/validate";
import { pupilCaseFor } from "../pupil-case";
import { closureOf, leavingReason } from "../records/leaving";
import { incomingTransfers, pendingTransferOf, startTransfer } from "../records/transfers";
import { acceptAsCaller, authoriseAcceptance, authoriseCancellation, endAsCaller } from "./transfers";

const pupilParam = v.object({ id: entityId });
const schoolParam = v.object({ schoolId: entityId });
const acceptParam = v.object({ schoolId: entityId, transferId: entityId });
const writeFailedMessage = "The transfer could not be saved; nothing was changed. Try again.";

/** Issue 18 on pages: the leaving SENCO names the receiving school; the receiving SENCO sees who is coming and accepts. */
export const transferPages = new Hono<AppEnv>()
  .get("/pupils/:id/transfer", validate("param", pupilParam), async (c) => {
    const pupil = await authorisePupil(c, c.req.valid("param").id, "transfer", "transfer");
    return c.html(transferPage(pupil, emptyForm(), (await pendingTransferOf(c.var.db, pupil.id)) ?? null));
  })
  .post("/pupils/:id/transfer", validate("param", pupilParam), async (c) => {
    const pupil = await authorisePupil(c, c.req.valid("param").id, "transfer", "transfer");
    const fields = await postedFields(c.req);
    const checked = checkForm(transferStartForm, fields);
    if (!checked.ok) return c.html(transferPage(pupil, withErrors(fields, checked.errors), null), 422);
    const started = await startTransfer(c.var.db, pupil, checked.output.urn, c.var.caller, new Date().toISOString());
    if (!started.ok) return c.html(transferPage(pupil, withErrors(fields, [{ field: "urn", message: started.refusal.fieldMessage }]), null), 422);
    const { toSchool } = started.transfer;
    auditStaff(c, { action: "move", resource: "transfer", resourceId: started.transfer.id, pupilId: pupil.id, schoolId: toSchool.id, laId: toSchool.laId });
    return c.redirect(`/forms/pupils/${pupil.id}/transfer`, 303);
  })
  .post("/pupils/:id/transfer/cancel", validate("param", pupilParam), async (c) => {
    const pupil = await authorisePupil(c, c.req.valid("param").id, "transfer", "transfer");
    const pending = await pendingTransferOf(c.var.db, pupil.id);
    if (pending) {
      const transfer = await authoriseCancellation(c, pending.id, pupil.id);
      const ended = await endAsCaller(c, transfer, "cancelled");
      if (!ended.ok) return c.html(transferPage(pupil, withErrors({}, [{ field: "urn", message: refusalMessage(ended.refusal) }]), null), 409);
    }
    return c.redirect(`/forms/pupils/${pupil.id}/transfer`, 303);
  })
  // A pupil leaving for a school or setting not on Stepwise: their CTF, then the day they left, which closes the record.
  .get("/pupils/:id/leaving", validate("param", pupilParam), async (c) => {
    const pupil = await authorisePupil(c, c.req.valid("param").id, "transfer", "leaving");
    return c.html(leavingPage(pupil, emptyForm(), await closureOf(c.var.db, pupil)));
  })
  .post("/pupils/:id/leaving", validate("param", pupilParam), async (c) => {
    const pupil = await authorisePupil(c, c.req.valid("param").id, "closeRecord", "leaving");
    const fields = await postedFields(c.req);
    const checked = checkForm(pupilLeftForm, fields);
    if (!checked.ok) return c.html(leavingPage(pupil, withErrors(fields, checked.errors), null), 422);
    const actor = { userId: c.var.caller.userId, role: c.var.caller.role };
    const { leftOn } = checked.output;
    const closed = await pupilCaseFor(c.env, pupil.id).closeRecord(pupil.id, actor, leavingReason(checked.output), new Date().toISOString(), leftOn);
    if (!closed.ok && !("refusal" in closed && closed.refusal.code === "pupil_closed")) {
      const message = "refusal" in closed ? refusalMessage(closed.refusal) : "The record could not be closed; nothing was changed. Try again.";
      return c.html(leavingPage(pupil, withErrors(fields, [{ field: "leftOn.day", message }]), null), 422);
    }
    return c.redirect(`/forms/pupils/${pupil.id}/leaving`, 303);
  })
  .get("/schools/:schoolId/transfers", validate("param", schoolParam), async (c) => {
    const school = await authoriseSchool(c, c.req.valid("param").schoolId, "acceptTransfer");
    auditStaff(c, { action: "read", resource: "transfer", schoolId: school.id, laId: school.laId });
    return c.html(incomingTransfersPage(school, await incomingTransfers(c.var.db, school.id), null));
  })
  .post("/schools/:schoolId/transfers/:transferId/accept", validate("param", acceptParam), async (c) => {
    const { schoolId, transferId } = c.req.valid("param");
    const school = await authoriseSchool(c, schoolId, "acceptTransfer");
    const transfer = await authoriseAcceptance(c, transferId, school.id);
    const outcome = await acceptAsCaller(c, transfer);
    if (outcome.ok) return c.redirect(`/forms/pupils/${transfer.pupilId}`, 303);
    const message = "refusal" in outcome ? refusalMessage(outcome.refusal) : writeFailedMessage;
    return c.html(incomingTransfersPage(school, await incomingTransfers(c.var.db, school.id), message), 409);
  })
  .post("/schools/:schoolId/transfers/:transferId/decline", validate("param", acceptParam), async (c) => {
    const { schoolId, transferId } = c.req.valid("param");
    const school = await authoriseSchool(c, schoolId, "acceptTransfer");
    const transfer = await authoriseAcceptance(c, transferId, school.id);
    const ended = await endAsCaller(c, transfer, "declined");
    if (ended.ok) return c.redirect(`/forms/schools/${school.id}/transfers`, 303);
    return c.html(incomingTransfersPage(school, await incomingTransfers(c.var.db, school.id), refusalMessage(ended.refusal)), 409);
  });
