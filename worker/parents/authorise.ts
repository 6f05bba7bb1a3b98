import type { Context } from "hono";
import type { AuditAction } from "../../schema/vocab";
import type { AppEnv } from "../app-env";
import { auditOnAnswer, auditRecord, requestOrigin } from "../audit/record";
import { readPupil } from "../pupils/queries";
import { openParentLink } from "./links";

/**
 * The link and its one child, if the secret opens a live link to an open record; otherwise null (answered 404).
 * Like authorisePupil for staff, every use is written to the audit log here, as the parent link's, with what came of it.
 */
export async function authoriseParent(c: Context<AppEnv>, secret: string, action: AuditAction, resource: string) {
  const now = new Date();
  const link = await openParentLink(c.var.db, secret, now);
  if (!link) return null;
  const pupil = await readPupil(c.var.db, link.pupilId);
  if (!pupil || pupil.closedAt) return null;
  auditOnAnswer(
    c,
    auditRecord(
      { kind: "parent", id: link.id, role: "parent" },
      { action, resource, resourceId: pupil.id, pupilId: pupil.id, schoolId: pupil.schoolId, laId: pupil.laId },
      requestOrigin(c),
      now.toISOString(),
    ),
  );
  return { link, pupil };
}
