import { SELF } from "cloudflare:test";
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { outbox, recordsOfConcern } from "../../schema/tables";
import { deliverOutbox } from "../../worker/mail/deliver";
import { renderMail } from "../../worker/mail/templates";
import type { OutgoingMail } from "../../worker/mail/transport";
import { createLa, createSchool, db } from "../support/world";

const randomAddress = () => `10.${[1, 2, 3].map(() => Math.floor(Math.random() * 250)).join(".")}`;

/** What a stranger types to make Stepwise send their words to any address under a school's name. */
const typed = {
  childName: "WIN A PRIZE at spam.example",
  parentName: "Call 0900 SCAM now",
  parentRelationship: "Visit http://spam.example/claim",
  description: "Your account is locked: log in at http://spam.example",
};

async function sendByForm(slug: string) {
  const body = new URLSearchParams({
    idempotencyKey: crypto.randomUUID(),
    ...typed,
    "childDateOfBirth.day": "4",
    "childDateOfBirth.month": "5",
    "childDateOfBirth.year": "2018",
    childYearGroup: "2",
    parentEmail: "victim@example.test",
    website: "",
  });
  const response = await SELF.fetch(`https://stepwise.test/s/${slug}/concern`, {
    method: "POST",
    body,
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded", "CF-Connecting-IP": randomAddress() },
  });
  expect(response.status).toBe(303);
  return response.headers.get("Location")!.split("?")[0]!;
}

async function sendByApi(slug: string) {
  const response = await SELF.fetch(`https://stepwise.test/api/public/schools/${slug}/concerns`, {
    method: "POST",
    headers: { "Content-Type": "application/json", "Idempotency-Key": crypto.randomUUID(), "CF-Connecting-IP": randomAddress() },
    body: JSON.stringify({ ...typed, childDateOfBirth: "2018-05-04", childYearGroup: "2", parentEmail: "victim@example.test" }),
  });
  expect(response.status).toBe(201);
  return new URL(((await response.json()) as { statusUrl: string }).statusUrl).pathname;
}

const expectNothingTyped = (text: string) => {
  for (const words of Object.values(typed)) expect(text).not.toContain(words);
  expect(text).not.toMatch(/spam\.example|SCAM|PRIZE/);
};

describe("issue 16 finding: anyone can make Stepwise email any address with their own words", () => {
  for (const [how, send] of [
    ["the form", sendByForm],
    ["the JSON API", sendByApi],
  ] as const) {
    it(`the acknowledgement of a concern sent through ${how} carries only the reference, the school's name, the reply date and the status link`, async () => {
      const school = await createSchool((await createLa()).id, "england2001", { name: "Brook Primary School" });
      const statusPath = await send(school.publicSlug);
      const [concern] = await db().select().from(recordsOfConcern).where(eq(recordsOfConcern.schoolId, school.id));
      const acknowledgement = async () =>
        (
          await db()
            .select()
            .from(outbox)
            .where(and(eq(outbox.schoolId, school.id), eq(outbox.template, "parentConcernAcknowledgement")))
        )[0]!;

      const queued = await acknowledgement();
      expect(queued.recipientEmail).toBe("victim@example.test");
      expectNothingTyped(JSON.stringify(queued.payload));
      const rendered = renderMail(queued.template, queued.payload, { pupilName: null, schoolName: null });
      expectNothingTyped(`${rendered.subject}\n${rendered.text}`);
      expect(rendered.subject).toBe(`Brook Primary School has your concern (reference ${concern!.reference})`);
      expect(rendered.text).toContain(concern!.reference!);
      // The reply date as people read it ("15 December 2026"), never ISO.
      expect(rendered.text).toContain(
        new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" }).format(
          new Date(`${concern!.respondBy!}T00:00:00Z`),
        ),
      );
      expect(rendered.text).not.toContain(concern!.respondBy!);
      expect(rendered.text).toContain(`https://stepwise.test${statusPath}`);

      const sent: OutgoingMail[] = [];
      await deliverOutbox(db(), { send: async (message) => (sent.push(message), { messageId: null }) }, "stepwise@stepwise.test", new Date().toISOString());
      const delivered = sent.find((message) => message.id === queued.id)!;
      expectNothingTyped(`${delivered.subject}\n${delivered.text}`);
      expect(delivered.text).toContain(`https://stepwise.test${statusPath}`);
      // Once sent, the outbox keeps no live status link.
      expect(JSON.stringify((await acknowledgement()).payload)).not.toContain(statusPath.split("/").at(-1)!);
    });
  }
});
