import { Hono, type Context } from "hono";
import { drsReferralInput, drsReferralListQuery, drsStepInput, referralIdParam } from "../../schema/inputs";
import type { AppEnv } from "../app-env";
import { authoriseDrs } from "../auth/authorise";
import { requireStaff } from "../auth/require-staff";
import { listReferrals, readReferralScope, referralView } from "../drs/queries";
import { ApiError } from "../http/errors";
import { withOneTimeKey } from "../http/one-time-key";
import { describeRoute } from "../http/openapi";
import { refusalError, writeFailedError } from "../http/refusals";
import { validate } from "../http/validate";
import { pupilCaseFor } from "../pupil-case";
import type { DrsOutcome } from "../pupil-case/drs";
import { readPupil } from "../pupils/queries";

const tags = ["DRS referrals"];
const now = () => new Date().toISOString();

async function respond(c: Context<AppEnv>, outcome: DrsOutcome, at: string, status: 200 | 201) {
  if (!outcome.ok) throw "refusal" in outcome ? refusalError(outcome.refusal) : writeFailedError(outcome.writeFailed.message);
  return c.json({ referral: await referralView(c.var.db, outcome.referralId, at.slice(0, 10)) }, status);
}

export const drsRoutes = new Hono<AppEnv>()
  .use(requireStaff())
  .get(
    "/",
    describeRoute({
      summary: "DRS referrals you may see (an LA officer: every school of the LA), each with its current step and next deadline, missed ones marked",
      tags,
      query: drsReferralListQuery,
      responses: { 200: "The referrals, newest first", 403: "Your role sees no referrals", 404: "No such pupil" },
    }),
    validate("query", drsReferralListQuery),
    async (c) => {
      const { pupilId } = c.req.valid("query");
      if (pupilId) await authoriseDrs(c, await readPupil(c.var.db, pupilId), "read", "Pupil");
      else if (!["laOfficer", "senco", "head"].includes(c.var.caller.role)) throw new ApiError(403, "forbidden", "Your role sees no DRS referrals");
      return c.json({ referrals: await listReferrals(c.var.db, c.var.caller, { pupilId }, now().slice(0, 10)) });
    },
  )
  .post(
    "/",
    describeRoute({
      summary: "Make a DRS referral for a pupil (seed 000): informal resolution tried, each party's answer to mediation, the school's summary",
      tags,
      body: drsReferralInput,
      responses: {
        201: "The referral",
        400: "Invalid body",
        403: "Only the school makes a referral",
        404: "No such pupil",
        409: "A party declined mediation: no referral is made",
      },
    }),
    validate("json", drsReferralInput),
    async (c) => {
      const input = withOneTimeKey(c, c.req.valid("json"));
      const { party } = await authoriseDrs(c, await readPupil(c.var.db, input.pupilId), "create", "Pupil");
      const at = now();
      const outcome = await pupilCaseFor(c.env, input.pupilId).openDrsReferral(input, { userId: c.var.caller.userId, party }, at);
      return respond(c, outcome, at, 201);
    },
  )
  .get(
    "/:referralId",
    describeRoute({
      summary: "A DRS referral: its steps, its deadlines, the steps that may follow and where an appeal goes",
      tags,
      responses: { 200: "The referral", 404: "Not found" },
    }),
    validate("param", referralIdParam),
    async (c) => {
      const { referralId } = c.req.valid("param");
      await authoriseDrs(c, await readReferralScope(c.var.db, referralId), "read");
      return c.json({ referral: await referralView(c.var.db, referralId, now().slice(0, 10)) });
    },
  )
  .post(
    "/:referralId/steps",
    describeRoute({
      summary: "Record the next step of a DRS referral, by the party whose step it is",
      tags,
      body: drsStepInput,
      responses: {
        200: "The referral after the step",
        400: "Invalid body",
        403: "Not your party's step",
        404: "Not found",
        409: "The step cannot follow the current one, or mediation was declined",
        422: "The step's date or form answers cannot be taken",
        503: "Not saved; retry",
      },
    }),
    validate("param", referralIdParam),
    validate("json", drsStepInput),
    async (c) => {
      const { referralId } = c.req.valid("param");
      const { party, scope } = await authoriseDrs(c, await readReferralScope(c.var.db, referralId), "update");
      const at = now();
      const actor = { userId: c.var.caller.userId, party };
      const outcome = await pupilCaseFor(c.env, scope.pupilId).recordDrsStep(scope.pupilId, referralId, c.req.valid("json"), actor, at);
      return respond(c, outcome, at, 200);
    },
  );
