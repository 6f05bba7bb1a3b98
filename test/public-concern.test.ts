import { SELF } from "cloudflare:test";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { outbox, recordsOfConcern } from "../schema/tables";
import { renderMail } from "../worker/mail/templates";
import { api, createLa, createSchool, db } from "./support/world";

const randomAddress = () => `10.${[1, 2, 3].map(() => Math.floor(Math.random() * 250)).join(".")}`;

const filledForm = (overrides: Record<string, string> = {}) => ({
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

async function postForm(slug: string, fields: Record<string, string | string[]>, address = randomAddress()) {
  const body = new URLSearchParams();
  for (const [name, value] of Object.entries(fields)) for (const item of [value].flat()) body.append(name, item);
  return SELF.fetch(`https://stepwise.test/s/${slug}/concern`, {
    method: "POST",
    body,
    headers: { "Content-Type": "application/x-www-form-urlencoded", "CF-Connecting-IP": address },
    redirect: "manual",
  });
}

async function schoolWithLink(embedOrigins: string[] = []) {
  const la = await createLa();
  return createSchool(la.id, "england2001", { embedOrigins });
}

const concernsOf = (schoolId: string) => db().select().from(recordsOfConcern).where(eq(recordsOfConcern.schoolId, schoolId));

describe("the public concern link", () => {
  it("stores a parent's concern with a reference, a respond-by date and a private status link, and queues the acknowledgement", async () => {
    const school = await schoolWithLink();
    const response = await postForm(school.publicSlug, { ...filledForm(), areasOfConcern: ["cognitionAndLearning", "sensory"] });
    expect(response.status).toBe(303);
    const location = response.headers.get("Location")!;
    const token = location.match(/\/status\/([A-Za-z0-9_-]+)\?/)![1]!;
    expect(token.length).toBeGreaterThanOrEqual(43);

    const [stored] = await concernsOf(school.id);
    expect(stored).toMatchObject({
      raisedBy: "parent",
      childName: "Ada Lovelace",
      childDateOfBirth: "2018-05-04",
      areasOfConcern: ["cognitionAndLearning", "sensory"],
    });
    expect(stored!.reference).toMatch(/^SW-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    expect(stored!.statusTokenHash).not.toContain(token);
    expect(JSON.stringify(stored)).not.toContain(token);
    expect(stored!.respondBy! > stored!.createdAt.slice(0, 10)).toBe(true);

    const mail = await db().select().from(outbox).where(eq(outbox.schoolId, school.id));
    expect(mail.map((m) => [m.audience, m.template]).sort()).toEqual([
      ["parents", "parentConcernAcknowledgement"],
      ["staff", "parentConcernReceived"],
    ]);
    const acknowledgement = mail.find((m) => m.audience === "parents")!;
    expect(acknowledgement.recipientEmail).toBe("anne@example.test");
    // Only the parent's acknowledgement holds the status link, until it is sent (test/hostile/acknowledgement-words.test.ts).
    expect(JSON.stringify(mail.filter((m) => m.audience === "staff").map((m) => m.payload))).not.toContain(token);
    // Both messages render: the delivery run would otherwise mark them failed.
    const rendered = renderMail(acknowledgement.template, acknowledgement.payload, { pupilName: null, schoolName: null });
    expect(rendered.subject).toContain(stored!.reference!);
    expect(rendered.text).toContain(token);
    expect(rendered.text).not.toContain("Ada Lovelace");

    const status = await SELF.fetch(`https://stepwise.test${location}`);
    const page = await status.text();
    expect(status.status).toBe(200);
    expect(page).toContain(stored!.reference!);
    expect(page).toContain("What happens next");
    const wrong = await SELF.fetch(`https://stepwise.test/s/${school.publicSlug}/status/${"A".repeat(43)}`);
    expect(wrong.status).toBe(404);
  });

  it("makes one concern when the same form is sent twice (a double click)", async () => {
    const school = await schoolWithLink();
    const form = filledForm();
    const [first, second] = await Promise.all([postForm(school.publicSlug, form), postForm(school.publicSlug, form)]);
    expect([first.status, second.status]).toEqual([303, 303]);
    expect(first.headers.get("Location")).toBe(second.headers.get("Location"));
    expect(await concernsOf(school.id)).toHaveLength(1);
  });

  it("makes one concern when the JSON API is retried with the same Idempotency-Key, and refuses the key for another concern", async () => {
    const school = await schoolWithLink();
    const key = crypto.randomUUID();
    const body = {
      childName: "Ben",
      childDateOfBirth: "2017-02-03",
      childYearGroup: "3",
      parentName: "Bea",
      parentRelationship: "Father",
      parentPhone: "01632 960 001",
      description: "Speech",
    };
    const send = (payload: object) =>
      api(`/api/public/schools/${school.publicSlug}/concerns`, { headers: { "Idempotency-Key": key, "CF-Connecting-IP": randomAddress() }, body: payload });
    const first = await send(body);
    const again = await send(body);
    expect(first.status).toBe(201);
    expect(again.status).toBe(200);
    expect(again.json).toMatchObject({ reference: first.json.reference, statusUrl: first.json.statusUrl, replayed: true });
    expect(await concernsOf(school.id)).toHaveLength(1);
    const other = await send({ ...body, description: "Something else" });
    expect(other.status).toBe(422);
    expect(other.json.error.code).toBe("idempotency_key_reused");
    const noKey = await api(`/api/public/schools/${school.publicSlug}/concerns`, { body });
    expect(noKey.status).toBe(400);
    expect(noKey.json.error.fields[0].field).toBe("Idempotency-Key");
  });

  it("answers 429 with Retry-After once an address has sent too many", async () => {
    const school = await schoolWithLink();
    const address = randomAddress();
    const statuses: number[] = [];
    let refused: Response | undefined;
    for (let i = 0; i < 7; i++) {
      const response = await postForm(school.publicSlug, filledForm(), address);
      statuses.push(response.status);
      if (response.status === 429) refused = response;
    }
    expect(statuses.slice(0, 5)).toEqual([303, 303, 303, 303, 303]);
    expect(refused?.status).toBe(429);
    expect(Number(refused?.headers.get("Retry-After"))).toBeGreaterThan(0);
    expect(await concernsOf(school.id)).toHaveLength(5);

    const json = await api(`/api/public/schools/${school.publicSlug}/concerns`, {
      headers: { "Idempotency-Key": crypto.randomUUID(), "CF-Connecting-IP": address },
      body: {
        childName: "C",
        childDateOfBirth: "2017-02-03",
        childYearGroup: "3",
        parentName: "D",
        parentRelationship: "Aunt",
        parentPhone: "01632960001",
        description: "x",
      },
    });
    expect(json.status).toBe(429);
    expect(json.headers.get("Retry-After")).toBe("60");
  });

  it("stores nothing when the hidden honeypot field is filled", async () => {
    const school = await schoolWithLink();
    const response = await postForm(school.publicSlug, filledForm({ website: "http://spam.example" }));
    expect(response.status).toBe(200);
    expect(await concernsOf(school.id)).toHaveLength(0);
  });

  it("re-renders with 422, an error summary linked to the fields and everything typed, escaped", async () => {
    const school = await schoolWithLink();
    const typed = `<script>alert("x")</script> 'quoted'`;
    const response = await postForm(school.publicSlug, filledForm({ childName: "", "childDateOfBirth.month": "13", description: typed }));
    expect(response.status).toBe(422);
    const page = await response.text();
    expect(page).toMatch(/<title>Error: /);
    expect(page).toContain('href="#childName"');
    expect(page).toContain('href="#childDateOfBirth.day"');
    expect(page).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &#39;quoted&#39;");
    expect(page).not.toContain("<script>alert");
    expect(await concernsOf(school.id)).toHaveLength(0);
  });

  it("lets only the school's registered websites frame the form", async () => {
    const school = await schoolWithLink(["https://www.school.example"]);
    const response = await SELF.fetch(`https://stepwise.test/s/${school.publicSlug}/concern?embed=https://www.school.example`);
    expect(response.headers.get("Content-Security-Policy")).toMatch(/frame-ancestors https:\/\/www\.school\.example$/);
    expect(await response.text()).toContain('data-embed-origin="https://www.school.example"');
    const preflight = (origin: string) =>
      SELF.fetch(`https://stepwise.test/api/public/schools/${school.publicSlug}/concerns`, {
        method: "OPTIONS",
        headers: { Origin: origin, "Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "content-type,idempotency-key" },
      });
    expect((await preflight("https://www.school.example")).headers.get("Access-Control-Allow-Origin")).toBe("https://www.school.example");
    expect((await preflight("https://elsewhere.example")).headers.get("Access-Control-Allow-Origin")).toBeNull();
    expect((await SELF.fetch("https://stepwise.test/s/no-such-school/concern")).status).toBe(404);
  });
});
