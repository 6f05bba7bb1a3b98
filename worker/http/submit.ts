import type { Context } from "hono";
import type { AppEnv } from "../app-env";
import { takeHeldAudit } from "../audit/record";
import { pupilCaseFor } from "../pupil-case";
import { formStoredBySameKey } from "../records/one-time-keys";
import type { FormSubmission } from "../records/submissions";
import { refusalError, writeFailedError } from "./refusals";

/**
 * Hands a form to the pupil's Durable Object with the caller's audit entry, stored in the form's own batch; a refusal becomes its HTTP error, naming "decision" as the field. A
 * form refused because its one-time key was already used (a double submission) is answered with the first's record.
 */
export async function submitToCase(c: Context<AppEnv>, pupilId: string, submission: FormSubmission) {
  const actor = { userId: c.var.caller.userId, role: c.var.caller.role };
  const audit = takeHeldAudit(c, pupilId);
  const outcome = await pupilCaseFor(c.env, pupilId).submitForm(pupilId, submission, actor, new Date().toISOString(), audit);
  if (!outcome.ok) {
    const earlier = await formStoredBySameKey(c.var.db, pupilId, submission);
    if (earlier) return { formId: earlier, moved: null };
    throw "refusal" in outcome ? refusalError(outcome.refusal, "decision") : writeFailedError(outcome.writeFailed.message);
  }
  const moved = outcome.moved && {
    event: outcome.moved.event,
    obligations: outcome.moved.obligations,
    stage: outcome.moved.state.stage,
    version: outcome.moved.state.version,
  };
  return { formId: outcome.formId, moved };
}
