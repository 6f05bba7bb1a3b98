import { beforeAll, describe, expect, it } from "vitest";
import { env } from "cloudflare:test";
import { issueStaffToken, sessionLimits } from "../../worker/auth/tokens";
import { api, page, schoolWithPupil, staffWithPassword } from "../support/world";
import { sessionCookie } from "./form-pages";

/** The runs of words a person reads on a page, one per element's text: no scripts, styles or tags; entities decoded. */
const visibleTexts = (markup: string) =>
  markup
    .replace(/<(script|style)[\s\S]*?<\/\1>/g, "<>")
    .split(/<[^>]*>/)
    .map((text) => text.replace(/&#39;/g, "'").replace(/&quot;/g, '"').replace(/&nbsp;/g, " ").replace(/&amp;/g, "&").replace(/\s+/g, " ").trim())
    .filter(Boolean);

/** A word said twice ("Review Review"), two words run together ("three ayear"), or a code name shown as text. */
function slips(text: string): string[] {
  const doubled = [...text.matchAll(/\b([A-Za-z]{2,})\s+\1\b/gi)].map((match) => match[0]);
  const runTogether = [...text.matchAll(/\b\w*(?:ayear|aweek|aterm|aday|ofthe|tothe|inthe|andthe)\b/gi)].map((match) => match[0]);
  const codeNames = [...text.matchAll(/\b[a-z]+[A-Z][a-z]+[A-Za-z]*\b/g)].map((match) => match[0]);
  return [...doubled, ...runTogether, ...codeNames];
}

let world: Awaited<ReturnType<typeof build>>;
async function build() {
  const made = await schoolWithPupil("england2014");
  const link = await api(`/api/pupils/${made.pupil.id}/parent-links`, { headers: made.senco.headers, body: { parentName: "Pat Parent", parentEmail: "pat@home.test" } });
  return { ...made, cookie: sessionCookie(made.senco), parentPath: new URL(link.json.url).pathname };
}
beforeAll(async () => {
  world = await build();
});

describe("the staff and parents' pages read as English", () => {
  // Within one element's text: a label and its value side by side ("School" then "School 4821") are two texts.
  it("no doubled word, words run together or code name on any page", async () => {
    const { pupil, school, cookie, parentPath } = world;
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
    for (const path of [parentPath]) {
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
    const ended = await issueStaffToken(env, { id: senco.id, role: "senco", tokenVersion: 0 }, Math.floor(Date.now() / 1000) - sessionLimits(env).idleSeconds - 60);
    const kept = await page(`/forms/pupils/${pupil.id}/concern`, { form: { description: "Reading" }, cookie: `__Host-stepwise_session=${ended}` });
    const replay = kept.text.match(/name="replay" value="([^"]+)"/)?.[1] ?? "";
    const replayed = await page("/staff/sign-in", { form: { email: senco.email, password: "correct horse battery", replay }, headers: { "CF-Connecting-IP": "203.0.113.77" } });
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

  it("finds the slips it looks for", () => {
    expect(slips("Review Review of progress, three ayear, reviewsTwiceYearly")).toEqual(["Review Review", "ayear", "reviewsTwiceYearly"]);
  });
});
