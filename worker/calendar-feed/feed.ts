import { and, asc, eq, inArray, isNull } from "drizzle-orm";
import { clocks, pupils, staffSchools, staffUsers, teachingAssignments } from "../../schema/tables";
import type { Db } from "../app-env";
import { dayInWords } from "../calendar/day-words";
import { detailsOf } from "../workflow/clock-kinds";
import { writeCalendar, type AllDayEvent } from "./ics";

/** A feed holds at most this many dates: a calendar app refreshes it whole. */
const maxEvents = 2000;

async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

/** A fresh secret for the person's feed, replacing any earlier one; only its hash is stored. */
export async function issueFeedSecret(db: Db, userId: string): Promise<string> {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  const secret = btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, "-")
    .replace(/\//g, "_")
    .replace(/=+$/, "");
  await db
    .update(staffUsers)
    .set({ calendarTokenHash: await sha256Hex(secret) })
    .where(eq(staffUsers.id, userId));
  return secret;
}

export async function revokeFeedSecret(db: Db, userId: string): Promise<void> {
  await db.update(staffUsers).set({ calendarTokenHash: null }).where(eq(staffUsers.id, userId));
}

/** The running clocks in the person's scope: a teacher's pupils, a SENCO's or head's schools, an officer's LA. */
function scopedClocks(db: Db, user: { id: string; role: string; laId: string | null }) {
  const columns = { id: clocks.id, kind: clocks.kind, dueOn: clocks.dueOn, givenName: pupils.givenName, familyName: pupils.familyName };
  const running = isNull(clocks.stoppedAt);
  const base = db.select(columns).from(clocks).innerJoin(pupils, eq(pupils.id, clocks.pupilId));
  switch (user.role) {
    case "teacher":
      return base.where(
        and(
          running,
          inArray(clocks.pupilId, db.select({ id: teachingAssignments.pupilId }).from(teachingAssignments).where(eq(teachingAssignments.userId, user.id))),
        ),
      );
    case "senco":
    case "head":
      return base.where(
        and(running, inArray(clocks.schoolId, db.select({ id: staffSchools.schoolId }).from(staffSchools).where(eq(staffSchools.userId, user.id)))),
      );
    case "laOfficer":
      return base.where(and(running, eq(clocks.laId, user.laId ?? "")));
    default:
      return null;
  }
}

/** The person's feed as iCalendar text, or null when the secret matches nobody active. */
export async function calendarFeed(db: Db, secret: string, now: string): Promise<string | null> {
  const user = await db
    .select({ id: staffUsers.id, role: staffUsers.role, laId: staffUsers.laId, name: staffUsers.name })
    .from(staffUsers)
    .where(and(eq(staffUsers.calendarTokenHash, await sha256Hex(secret)), eq(staffUsers.active, true)))
    .get();
  if (!user) return null;
  const query = scopedClocks(db, user);
  const rows = query ? await query.orderBy(asc(clocks.dueOn)).limit(maxEvents) : [];
  const events: AllDayEvent[] = rows.map((row) => {
    const details = detailsOf(row.kind);
    // A calendar may be synced to other services: the child is named by given name and initial only.
    return {
      uid: `${row.id}@stepwise`,
      date: row.dueOn,
      summary: `${details.label}: ${row.givenName} ${row.familyName.slice(0, 1)}.`,
      description: `${details.label}, due ${dayInWords(row.dueOn)}. Stopped by: ${details.stoppedBy}.`,
    };
  });
  return writeCalendar(`Stepwise: ${user.name}`, events, now);
}
