import { eq } from "drizzle-orm";
import { beforeAll, describe, it } from "vitest";
import { outbox, recordsOfConcern } from "../../schema/tables";
import { SELF } from "cloudflare:test";
import { api, db, schoolWithPupil } from "../support/world";
import { expectRefusedPage, sessionCookie } from "./form-pages";

let world: Awaited<ReturnType<typeof build>>;
async function build() {
  const made = await schoolWithPupil("england2014");
  const link = await api(`/api/pupils/${made.pupil.id}/parent-links`, {
    headers: made.senco.headers,
    body: { parentName: "Pat Parent", parentEmail: "pat@home.test" },
  });
  const invited = await api("/api/invitations", {
    headers: made.senco.headers,
    body: { email: `${crypto.randomUUID()}@school.test`, name: "Tess Teacher", role: "teacher", schoolId: made.school.id },
  });
  const [mail] = await db()
    .select()
    .from(outbox)
    .where(eq(outbox.dedupeKey, `staffInvitation:${invited.json.invitation.id}`));
  const formId = crypto.randomUUID();
  await db()
    .insert(recordsOfConcern)
    .values({
      id: formId,
      pupilId: made.pupil.id,
      schoolId: made.school.id,
      raisedBy: "staff",
      areasOfConcern: ["cognitionAndLearning"],
      description: "Reading",
    });
  const sent = await SELF.fetch(`https://stepwise.test/api/public/schools/${made.school.publicSlug}/concerns`, {
    method: "POST",
    headers: { "Content-Type": "application/json", "Idempotency-Key": crypto.randomUUID(), "CF-Connecting-IP": "198.51.100.21" },
    body: JSON.stringify({
      childName: "Ada Lovelace",
      childDateOfBirth: "2018-05-04",
      childYearGroup: "2",
      areasOfConcern: ["cognitionAndLearning"],
      parentName: "Anne Lovelace",
      parentRelationship: "Mother",
      parentEmail: "anne@example.test",
      description: "She finds reading very hard.",
    }),
  });
  const { reference } = (await sent.json()) as { reference: string };
  const [parentConcern] = await db().select().from(recordsOfConcern).where(eq(recordsOfConcern.reference, reference));
  return {
    ...made,
    formId,
    parentConcernId: parentConcern!.id,
    cookie: sessionCookie(made.senco),
    parentPath: new URL(link.json.url).pathname,
    invitationPath: new URL(String(mail!.payload.acceptUrl)).pathname,
  };
}
beforeAll(async () => {
  world = await build();
});

const typed = "Typed and kept";

describe("the pupil's forms refuse bad input on the page, field by field, in plain English", () => {
  it("a record of concern, a plan and a review", async () => {
    // The pupil's stage opens no decision on a review, so none is asked for.
    const { pupil, cookie } = world;
    const base = `/forms/pupils/${pupil.id}`;
    await expectRefusedPage(`${base}/concern`, cookie, {}, ["areasOfConcern", "description"]);
    await expectRefusedPage(`${base}/concern`, cookie, { areasOfConcern: ["noSuchArea"], description: typed }, ["areasOfConcern"], [typed]);
    await expectRefusedPage(`${base}/plan`, cookie, {}, ["objective", "baseline", "targets", "dateWritten", "reviewDate"]);
    await expectRefusedPage(
      `${base}/plan`,
      cookie,
      { objective: typed, "dateWritten.day": "31", "dateWritten.month": "2", "dateWritten.year": "2026" },
      ["baseline", "targets", "dateWritten.day", "reviewDate"],
      [typed, "31"],
    );
    await expectRefusedPage(`${base}/review`, cookie, { expectedVersion: String(pupil.version) }, ["reviewDate", "areasOfConcern", "evaluation"]);
    await expectRefusedPage(
      `${base}/review`,
      cookie,
      { expectedVersion: String(pupil.version), evaluation: typed, decision: "noSuchDecision" },
      ["reviewDate", "areasOfConcern"],
      [typed],
    );
  });

  it("the parents' views, an assessment request and a DRS referral", async () => {
    const { pupil, cookie } = world;
    const base = `/forms/pupils/${pupil.id}`;
    await expectRefusedPage(`${base}/parent-views`, cookie, {}, ["whatIsGoingWell"]);
    await expectRefusedPage(`${base}/assessment-request`, cookie, {}, ["requestedBy", "requestedOn", "reasons"]);
    await expectRefusedPage(`${base}/assessment-request`, cookie, { requestedBy: "theCat", reasons: typed }, ["requestedBy", "requestedOn"], [typed]);
    await expectRefusedPage(`${base}/drs-referral`, cookie, {}, ["informalResolutionTried", "summaryOfIssues", "actionsTaken", "schoolMediation"]);
  });
});

describe("the SENCO's smaller forms refuse bad input on the page", () => {
  it("a parent's concern contacted and matched, a copy given to the parents, and the SENCO's action on a concern", async () => {
    const { pupil, cookie, school, formId, parentConcernId } = world;
    // The pupil is not at the stage a concern leads to, so the SENCO's action is not offered: its error reaches no field.
    // No pupil of the school is named like the child, so the match form offers none to choose: its error reaches no field.
    const concern = `/forms/schools/${school.id}/parent-concerns/${parentConcernId}`;
    await expectRefusedPage(`${concern}/contacted`, cookie, {}, ["on"]);
    await expectRefusedPage(`${concern}/contacted`, cookie, { "on.day": "31", "on.month": "2", "on.year": "2026" }, ["on.day"], ["31"]);
    await expectRefusedPage(`${concern}/match`, cookie, { pupilId: "not-a-pupil" }, ["pupilId"], [], ["pupilId"]);
    await expectRefusedPage(
      `/print/pupils/${pupil.id}/concerns/${formId}/copy-to-parents`,
      cookie,
      { "on.day": "x", "on.month": "1", "on.year": "2026" },
      ["on.day"],
      ["x"],
    );
    await expectRefusedPage(
      `/print/pupils/${pupil.id}/concerns/${formId}/senco-action`,
      cookie,
      { expectedVersion: String(pupil.version) },
      ["move"],
      [],
      ["move"],
    );
  });
});

describe("the public and signed-out forms refuse bad input on the page", () => {
  it("a parent's concern, signing in and accepting an invitation", async () => {
    const { school, invitationPath } = world;
    await expectRefusedPage(`/s/${school.publicSlug}/concern`, undefined, {}, [
      "childName",
      "childDateOfBirth",
      "childYearGroup",
      "parentName",
      "parentRelationship",
      "description",
      "parentEmail",
    ]);
    await expectRefusedPage(
      `/s/${school.publicSlug}/concern`,
      undefined,
      { childName: typed, parentEmail: "not an address" },
      ["childDateOfBirth", "childYearGroup", "parentName", "parentRelationship", "description", "parentEmail"],
      [typed],
    );
    await expectRefusedPage("/staff/sign-in", undefined, {}, ["email", "password"]);
    await expectRefusedPage(invitationPath, undefined, { password: "short", confirmPassword: "short" }, ["password"]);
    await expectRefusedPage(invitationPath, undefined, { password: "long enough to pass", confirmPassword: "not the same" }, ["confirmPassword"]);
  });

  it("a parent's views through their link", async () => {
    const { parentPath } = world;
    await expectRefusedPage(`${parentPath}/views`, undefined, {}, ["views"]);
  });
});
