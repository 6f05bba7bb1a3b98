import { Hono } from "hono";
import * as v from "valibot";
import { entityId, parentLinkRequest } from "../../schema/inputs";
import type { AppEnv } from "../app-env";
import { authorisePupil } from "../auth/authorise";
import { requireStaff } from "../auth/require-staff";
import { notFound } from "../http/errors";
import { withOneTimeKey } from "../http/one-time-key";
import { describeRoute } from "../http/openapi";
import { publicOrigin } from "../http/public-origin";
import { refusalError } from "../http/refusals";
import { validate } from "../http/validate";
import { createParentLink, listParentLinks, revokeParentLink } from "../parents/links";
import { refuseIfClosed } from "../records/closed";

const tags = ["Parents' links"];
const pupilParam = v.object({ id: entityId });
const linkParam = v.object({ id: entityId, linkId: entityId });

/** The SENCO or head gives a parent a private link to their child's record, and can withdraw it. */
export const parentLinkRoutes = new Hono<AppEnv>()
  .use(requireStaff())
  .post(
    "/:id/parent-links",
    describeRoute({
      summary: "Give a parent a private link to this child's record: shown once here, and emailed if an address is given",
      tags,
      body: parentLinkRequest,
      responses: { 201: "The link (its secret is not kept)", 400: "Invalid body", 403: "SENCO or head only", 404: "Not found", 409: "The record is closed" },
    }),
    validate("param", pupilParam),
    validate("json", parentLinkRequest),
    async (c) => {
      const pupil = await authorisePupil(c, c.req.valid("param").id, "manageParentLinks");
      const created = await createParentLink(
        c.var.db,
        pupil,
        withOneTimeKey(c, c.req.valid("json")),
        c.var.caller.userId,
        publicOrigin(c.env),
        new Date(),
        c.env.JWT_SECRET,
      );
      if ("refusal" in created) throw refusalError(created.refusal);
      return c.json(created, 201);
    },
  )
  .get(
    "/:id/parent-links",
    describeRoute({
      summary: "The parents' links of this child (never their secrets)",
      tags,
      responses: { 200: "Newest first", 403: "SENCO or head only", 404: "Not found" },
    }),
    validate("param", pupilParam),
    async (c) => {
      const pupil = await authorisePupil(c, c.req.valid("param").id, "manageParentLinks");
      return c.json({ links: await listParentLinks(c.var.db, pupil.id) });
    },
  )
  .post(
    "/:id/parent-links/:linkId/revoke",
    describeRoute({
      summary: "Withdraw a parent's link: it opens nothing from now on",
      tags,
      responses: { 204: "Revoked", 403: "SENCO or head only", 404: "Not found", 409: "The record is closed" },
    }),
    validate("param", linkParam),
    async (c) => {
      const { id, linkId } = c.req.valid("param");
      const pupil = await authorisePupil(c, id, "manageParentLinks");
      const closed = refuseIfClosed(pupil);
      if (closed) throw refusalError(closed.refusal);
      if (!(await revokeParentLink(c.var.db, pupil.id, linkId, new Date()))) throw notFound("Parent link");
      return c.body(null, 204);
    },
  );
