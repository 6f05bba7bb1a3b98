import { SELF } from "cloudflare:test";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { recordsOfConcern } from "../../schema/tables";
import { createLa, createSchool, db } from "../support/world";

const randomAddress = () => `10.${[1, 2, 3].map(() => Math.floor(Math.random() * 250)).join(".")}`;

const realConcern = (overrides: Record<string, string> = {}) => ({
  idempotencyKey: crypto.randomUUID(),
  childName: "Ada Lovelace",
  "childDateOfBirth.day": "4",
  "childDateOfBirth.month": "5",
  "childDateOfBirth.year": "2018",
  childYearGroup: "2",
  parentName: "Anne Lovelace",
  parentRelationship: "Mother",
  parentEmail: "anne@example.test",
  description: "She finds reading very hard and is upset every morning.",
  website: "",
  ...overrides,
});

function post(slug: string, fields: Record<string, string>, address: string) {
  return SELF.fetch(`https://stepwise.test/s/${slug}/concern`, {
    method: "POST",
    body: new URLSearchParams(fields),
    headers: { "Content-Type": "application/x-www-form-urlencoded", "CF-Connecting-IP": address },
    redirect: "manual",
  }).then(async (response) => (await response.arrayBuffer(), response.status));
}

function postJson(slug: string, body: unknown, address: string) {
  return SELF.fetch(`https://stepwise.test/api/public/schools/${slug}/concerns`, {
    method: "POST",
    body: JSON.stringify(body),
    headers: { "Content-Type": "application/json", "Idempotency-Key": crypto.randomUUID(), "CF-Connecting-IP": address },
  }).then(async (response) => (await response.arrayBuffer(), response.status));
}

/** Sends `count` requests, a few at a time, and tallies their statuses. */
async function flood(count: number, send: (i: number) => Promise<number>) {
  const statuses: Record<number, number> = {};
  for (let i = 0; i < count; i += 10) {
    for (const status of await Promise.all(Array.from({ length: Math.min(10, count - i) }, (_, j) => send(i + j))))
      statuses[status] = (statuses[status] ?? 0) + 1;
  }
  return statuses;
}

describe("issue 16 finding: junk shuts a school's public form", () => {
  it("a flood of empty, junk and honeypot posts (some from the parent's own address) stores nothing and leaves the parent able to send", async () => {
    const school = await createSchool((await createLa()).id, "england2001");
    const parentsAddress = randomAddress();
    const attacker = randomAddress();
    // Well over both limits (5 per address, 60 per school a minute) of posts that store nothing.
    const empty = await flood(80, (i) => post(school.publicSlug, {}, i % 4 === 0 ? parentsAddress : randomAddress()));
    const honeypot = await flood(30, (i) => post(school.publicSlug, realConcern({ website: "http://spam.example" }), i % 3 === 0 ? parentsAddress : attacker));
    const invalid = await flood(30, () => post(school.publicSlug, realConcern({ description: "", "childDateOfBirth.month": "13" }), attacker));
    const badJson = await flood(30, () => postJson(school.publicSlug, { childName: "x" }, attacker));
    expect([empty, honeypot, invalid, badJson]).toEqual([{ 422: 80 }, { 200: 30 }, { 422: 30 }, { 400: 30 }]);
    expect(await db().select().from(recordsOfConcern).where(eq(recordsOfConcern.schoolId, school.id))).toHaveLength(0);

    // One address sending well-formed concerns is stopped by its own limit, and its refused posts spend nothing of the school's.
    const stored = await flood(70, () => post(school.publicSlug, realConcern({ childName: "Junk Child" }), attacker));
    expect(stored).toEqual({ 303: 5, 429: 65 });

    expect(await post(school.publicSlug, realConcern(), parentsAddress)).toBe(303);
    const concerns = await db().select().from(recordsOfConcern).where(eq(recordsOfConcern.schoolId, school.id));
    expect(concerns.filter((concern) => concern.childName === "Ada Lovelace")).toHaveLength(1);
    expect(concerns).toHaveLength(6);
  });

  it("a retry of a stored concern is answered with it even once the sender's limit is spent", async () => {
    const school = await createSchool((await createLa()).id, "england2001");
    const address = randomAddress();
    const first = realConcern();
    expect(await post(school.publicSlug, first, address)).toBe(303);
    for (let i = 0; i < 4; i++) expect(await post(school.publicSlug, realConcern(), address)).toBe(303);
    expect(await post(school.publicSlug, realConcern(), address)).toBe(429);
    expect(await post(school.publicSlug, first, address)).toBe(303);
    expect(await db().select().from(recordsOfConcern).where(eq(recordsOfConcern.schoolId, school.id))).toHaveLength(5);
  });
});
