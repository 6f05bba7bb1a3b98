import { beforeAll, describe, expect, it } from "vitest";
import { env, SELF } from "cloudflare:test";
import { issueStaffToken, sessionLimits } from "../../worker/auth/tokens";
import { laTableNames } from "../../worker/dashboards/la-tables";
import { seedTwoLas } from "../support/dashboard-world";
import { api, page, schoolWithPupil, staffWithPassword } from "../support/world";
import { sessionCookie } from "./form-pages";

/** The runs of words a person reads on a page, one per element's text: no scripts, styles or tags; entities decoded. */
const visibleTexts = (markup: string) =>
  markup
    .replace(/<(script|style)[\s\S]*?<\/\1>/g, "<>")
    .split(/<[^>]*>/)
    .map((text) =>
      text
        .replace(/&#39;/g, "'")
        .replace(/&quot;/g, '"')
        .replace(/&nbsp;/g, " ")
        .replace(/&amp;/g, "&")
        .replace(/\s+/g, " ")
        .trim(),
    )
    .filter(Boolean);

/**
 * A word said twice ("Review Review"), two words run together ("three ayear", "saved.Next", "3days"), one counted as
 * many ("1 days"), or a code name shown as text.
 */
function slips(text: string): string[] {
  const doubled = [...text.matchAll(/\b([A-Za-z]{2,})\s+\1\b/gi)].map((match) => match[0]);
  const runTogether = [...text.matchAll(/\b\w*(?:ayear|aweek|aterm|aday|ofthe|tothe|inthe|andthe)\b|\b\d+(?:days|weeks|months|years|pupils)\b/gi)].map(
    (match) => match[0],
  );
  const noSpaceAfterStop = [...text.matchAll(/[a-z]{2}[.,;:!?][A-Z][a-z]/g)].map((match) => match[0]);
  const oneAsMany = [...text.matchAll(/(?<![\d.,])\b1 (?:working )?(?:days|weeks|months|years)\b/g)].map((match) => match[0]);
  const codeNames = [...text.matchAll(/\b[a-z]+[A-Z][a-z]+[A-Za-z]*\b/g)].map((match) => match[0]);
  // Dates are read as "14 June 2026"; 2026-06-14 is for files and machines.
  const isoDates = [...text.matchAll(/\b\d{4}-\d{2}-\d{2}\b/g)].map((match) => match[0]);
  return [...doubled, ...runTogether, ...noSpaceAfterStop, ...oneAsMany, ...codeNames, ...isoDates];
}

/** Every page's slips, by path, each read with the cookie given beside it. */
async function slipsOn(paths: [string, string | undefined][]) {
  const found: Record<string, string[]> = {};
  for (const [path, cookie] of paths) {
    const shown = await page(path, cookie ? { cookie } : {});
    expect(shown.status, path).toBe(200);
    const seen = visibleTexts(shown.text).flatMap(slips);
    if (seen.length) found[path] = seen;
  }
  return found;
}

let world: Awaited<ReturnType<typeof build>>;
async function build() {
  const made = await schoolWithPupil("england2014");
  const link = await api(`/api/pupils/${made.pupil.id}/parent-links`, {
    headers: made.senco.headers,
    body: { parentName: "Pat Parent", parentEmail: "pat@home.test" },
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
  const concern = (await sent.json()) as { statusUrl: string };
  return { ...made, cookie: sessionCookie(made.senco), parentPath: new URL(link.json.url).pathname, concernStatusPath: new URL(concern.statusUrl).pathname };
}
beforeAll(async () => {
  world = await build();
});

describe("the staff and parents' pages read as English", () => {
  // Within one element's text: a label and its value side by side ("School" then "School 4821") are two texts.
  it("no doubled word, words run together or code name on any page", async () => {
    const { pupil, school, cookie, parentPath, concernStatusPath } = world;
    const staffPages = [
      `/forms/pupils/${pupil.id}`,
      ...["concern", "plan", "review", "parent-views", "assessment-request", "drs-referral"].map((form) => `/forms/pupils/${pupil.id}/${form}`),
      `/dashboard/schools/${school.id}`,
      `/staff/schools/${school.id}/staff`,
      `/forms/schools/${school.id}/pupils/new`,
      `/forms/schools/${school.id}/register-import`,
      `/forms/schools/${school.id}/census-check`,
      "/staff",
    ];
    const found: Record<string, string[]> = {};
    for (const path of staffPages) {
      const shown = await page(path, { cookie });
      expect(shown.status, path).toBe(200);
      const seen = visibleTexts(shown.text).flatMap(slips);
      if (seen.length) found[path] = seen;
    }
    for (const path of [parentPath, concernStatusPath]) {
      const shown = await page(path);
      expect(shown.status, path).toBe(200);
      const seen = visibleTexts(shown.text).flatMap(slips);
      if (seen.length) found[path] = seen;
    }
    expect(found).toEqual({});
  });

  it("nor on the pages of signing in again after a session ended, saving what was typed, and a page not found", async () => {
    const { pupil, school, la, cookie } = world;
    const senco = await staffWithPassword("senco", { laId: la.id, schoolIds: [school.id] }, "correct horse battery");
    const ended = await issueStaffToken(
      env,
      { id: senco.id, role: "senco", tokenVersion: 0 },
      Math.floor(Date.now() / 1000) - sessionLimits(env).idleSeconds - 60,
    );
    const kept = await page(`/forms/pupils/${pupil.id}/concern`, { form: { description: "Reading" }, cookie: `__Host-stepwise_session=${ended}` });
    const replay = kept.text.match(/name="replay" value="([^"]+)"/)?.[1] ?? "";
    const replayed = await page("/staff/sign-in", {
      form: { email: senco.email, password: "correct horse battery", replay },
      headers: { "CF-Connecting-IP": "203.0.113.77" },
    });
    const shown: [string, { status: number; text: string }, number][] = [
      ["sign-in", await page("/staff/sign-in"), 200],
      ["sign-in keeping a form", kept, 401],
      ["save what you typed", replayed, 200],
      ["not found", await page("/forms/no-such-page", { cookie }), 404],
    ];
    const found: Record<string, string[]> = {};
    for (const [name, answer, status] of shown) {
      expect(answer.status, name).toBe(status);
      const seen = visibleTexts(answer.text).flatMap(slips);
      if (seen.length) found[name] = seen;
    }
    expect(replayed.text).toContain("<h1>Save what you typed</h1>");
    expect(found).toEqual({});
  });

  it("nor on the LA's pages and the school's dashboards and tasks with figures in them", async () => {
    const today = new Date().toISOString().slice(0, 10);
    const seeded = await seedTwoLas(env.DB, today);
    const at = Math.floor(Date.now() / 1000);
    const cookieOf = async (staff: { id: string; role: "laOfficer" | "senco" }) =>
      `__Host-stepwise_session=${await issueStaffToken(env, { id: staff.id, role: staff.role, tokenVersion: 0 }, at)}`;
    const officer = await cookieOf({ id: seeded.officer.id, role: "laOfficer" });
    const senco = await cookieOf({ id: seeded.senco.id, role: "senco" });
    const { ashby, brook, ashbyPupils } = seeded;
    const found = await slipsOn([
      ["/dashboard/la", officer],
      ...[ashby, brook].map((school): [string, string] => [`/dashboard/la/schools/${school.id}`, officer]),
      ...laTableNames.map((table): [string, string] => [`/dashboard/la/tables/${table}${table === "pupils" ? "?stage=senSupportPlan" : ""}`, officer]),
      [`/dashboard/schools/${ashby.id}`, senco],
      [`/forms/schools/${ashby.id}/tasks`, senco],
      ...[ashbyPupils.amy, ashbyPupils.ben, ashbyPupils.dee].map((pupil): [string, string] => [`/forms/pupils/${pupil.id}`, senco]),
      [`/forms/pupils/${ashbyPupils.amy.id}/assessment-request`, senco],
    ]);
    expect(found).toEqual({});
    const evidence = await page(`/forms/pupils/${ashbyPupils.amy.id}/assessment-request`, { cookie: senco });
    expect(evidence.text).not.toMatch(/Cycles with a plan: 0/);
  });

  it("names each framework's own request for an assessment on the pupil's page", async () => {
    const shown: Record<string, string[]> = {};
    for (const [framework, stage] of [
      ["england2001", "schoolActionPlus"],
      ["england2014", "senSupportReview"],
      ["recordOfNeed", "senRegister"],
    ] as const) {
      const { pupil, senco } = await schoolWithPupil(framework, stage);
      const text = (await page(`/forms/pupils/${pupil.id}`, { cookie: sessionCookie(senco) })).text;
      shown[framework] = [...text.matchAll(/href="[^"]*\/assessment-request">([^<]+)</g)].map((match) => match[1]!);
    }
    expect(shown.england2001).toContain("Make a request for statutory assessment");
    expect(shown.england2014).toContain("Request an EHC needs assessment");
    expect(shown.recordOfNeed).toContain("Request an Exceptional Action Assessment");
    expect([...shown.england2014!, ...shown.recordOfNeed!].filter((label) => /statutory/i.test(label))).toEqual([]);
  });

  it("finds the slips it looks for", () => {
    expect(slips("Review Review of progress, three ayear, reviewsTwiceYearly")).toEqual(["Review Review", "ayear", "reviewsTwiceYearly"]);
    expect(slips("Review recorded.Next: write the plan; due in 3days; Overdue by 1 days; 21 days; received 2026-06-14")).toEqual([
      "3days",
      "ed.Ne",
      "1 days",
      "2026-06-14",
    ]);
  });
});
