import type { DrizzleD1Database } from "drizzle-orm/d1";
import type { StaffRole } from "../schema/vocab";
import type * as schema from "../schema/tables";
import type { PupilRow } from "./pupils/queries";
import type { AuditRecord } from "./audit/record";

export type Db = DrizzleD1Database<typeof schema>;

/** Who is asking, as proven by their token: the scope every read and write is checked against. */
export type StaffCaller = {
  kind: "staff";
  userId: string;
  role: StaffRole;
  /** The caller's LA: an LA officer's authority, or the LA of a member of school staff. Null for admins. */
  laId: string | null;
  /** The schools a member of staff works at; empty for LA officers and admins. */
  schoolIds: string[];
};

export type AppEnv = {
  Bindings: Env;
  Variables: {
    db: Db;
    caller: StaffCaller;
    /** The signed-in person's name and role, for the staff header on every staff page (worker/html/page.ts). */
    signedIn?: { name: string; role: StaffRole; schoolIds: string[] };
    /** The pupil named in the path, read with the caller (worker/auth/require-staff.ts); taken by authorisePupil. */
    pupilOfPath?: { id: string; row: PupilRow | null };
    /** Audit entries stored with their outcome once the request is answered (worker/audit/record.ts). */
    auditPending?: AuditRecord[];
    /** Origins that may frame this response; none unless a route says (worker/http/security-headers.ts). */
    frameAncestors?: readonly string[];
  };
};
