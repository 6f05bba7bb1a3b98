import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withUpnCheckLetter } from "../../schema/rules";
import { hashPassword } from "../../worker/auth/password";
import { axeViolations } from "./support/axe";
import { launchChromium, startWorker, type LocalWorker } from "./support/local";
import { insertSchool } from "./support/schools";
import { insertStaff, staffPassword } from "./support/staff";

const screenshots = path.resolve(import.meta.dirname, "../../test-results");
let serial = 0;
const upn = () => withUpnCheckLetter(`${Date.now() % 1e9}${serial++ % 1000}`.padStart(12, "1").slice(-12));

/** Issue 14, finding a pupil: by name on a page, the register and the LA's list filtered, paged, the filters in the address. */
describe("finding a pupil and filtering the lists", () => {
  let worker: LocalWorker;
  let browser: Browser;
  let school: Awaited<ReturnType<typeof insertSchool>>;
  let noah: string;

  beforeAll(async () => {
    [worker, browser] = await Promise.all([startWorker(), launchChromium()]);
    school = await insertSchool(worker.db, { framework: "england2014" });
    // Set-up, not the journey: a child with nothing recorded yet, and 27 Year 4 pupils at SEN support: Plan (two pages).
    noah = crypto.randomUUID();
    const insert = (id: string, givenName: string, familyName: string, yearGroup: string, stage: string) =>
      worker.db
        .prepare(
          "INSERT INTO pupils (id, upn, given_name, family_name, date_of_birth, year_group, school_id, la_id, framework, stage, primary_need) VALUES (?, ?, ?, ?, '2017-05-04', ?, ?, ?, 'england2014', ?, 'SPLD')",
        )
        .bind(id, upn(), givenName, familyName, yearGroup, school.id, school.laId, stage);
    await worker.db.batch([
      insert(noah, "Noah", "Hughes", "3", "noSenIdentified"),
      insert(crypto.randomUUID(), "Ola", "Year5", "5", "senSupportPlan"),
      ...Array.from({ length: 27 }, (_, i) =>
        insert(crypto.randomUUID(), `Pupil${String(i).padStart(2, "0")}`, `Register${String(i).padStart(2, "0")}`, "4", "senSupportPlan"),
      ),
    ]);
  });
  afterAll(async () => {
    await browser?.close();
    await worker?.stop();
  });

  const noViolations = async (page: Page) => expect(await axeViolations(page)).toEqual([]);

  async function signIn(email: string, password: string, landing: RegExp) {
    const page = await (await browser.newContext()).newPage();
    await page.goto(`${worker.url}/staff/sign-in`);
    await page.getByLabel("Email address").fill(email);
    await page.getByLabel("Password").fill(password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL(landing);
    return page;
  }

  it("a SENCO finds a pupil with no SEN by name and opens their page, then filters the register and pages it, the address keeping the filter", async () => {
    const senco = await insertStaff(worker.db, school, "senco");
    const page = await signIn(senco.email, staffPassword, /\/staff$/);
    await page.getByRole("link", { name: `Find a pupil: ${school.name}` }).click();
    await page.getByLabel("Name or UPN").fill("hughes");
    await page.getByRole("button", { name: "Apply filters" }).click();
    await page.waitForURL(/\/pupils\?q=hughes/);
    await expect.poll(() => page.locator("table").getByRole("link").allTextContents()).toEqual(["Noah Hughes"]);
    await noViolations(page);
    await page.screenshot({ path: path.join(screenshots, "find-a-pupil.png"), fullPage: true });
    await page.getByRole("link", { name: "Noah Hughes" }).click();
    await page.waitForURL(new RegExp(`/forms/pupils/${noah}$`));
    expect(await page.locator("h1").textContent()).toContain("Noah Hughes");

    await page.goto(`${worker.url}/staff`);
    await page.getByRole("link", { name: `SEN register: ${school.name}` }).click();
    await page.getByRole("combobox", { name: "Stage", exact: true }).selectOption({ label: "SEN support: Plan" });
    await page.getByLabel("Year group").selectOption({ label: "Year 4" });
    await page.getByRole("button", { name: "Apply filters" }).click();
    await page.waitForURL(/stage=senSupportPlan&year=4/);
    const registerNames = () => page.locator("table", { hasText: "Census provision" }).locator("tbody a").allTextContents();
    expect(await registerNames()).toHaveLength(25);
    expect(await registerNames()).not.toContain("Ola Year5");
    await noViolations(page);
    await page.screenshot({ path: path.join(screenshots, "register-filtered.png"), fullPage: true });
    const pages = page.getByRole("navigation", { name: "Pages of sen register" });
    await pages.getByRole("link", { name: /Next/ }).click();
    await page.waitForURL(/stage=senSupportPlan&year=4&after=/);
    expect(await registerNames()).toEqual(["Pupil25 Register25", "Pupil26 Register26"]);
    expect(await page.getByLabel("Year group").inputValue()).toBe("4");
    await pages.getByRole("link", { name: /Previous/ }).click();
    await page.waitForURL(/stage=senSupportPlan&year=4&before=/);
    expect((await registerNames())[0]).toBe("Pupil00 Register00");
    expect(await registerNames()).toHaveLength(25);
    await page.context().close();
  }, 120_000);

  it("an LA officer filters the LA's list of pupils by year group from a figure of the dashboard", async () => {
    const officer = { id: crypto.randomUUID(), email: `officer-${crypto.randomUUID().slice(0, 8)}@la.test`, password: "correct horse battery staple" };
    const { hash, salt } = await hashPassword(officer.password);
    await worker.db
      .prepare("INSERT INTO staff_users (id, email, name, role, la_id, password_hash, password_salt) VALUES (?, ?, 'Olive Officer', 'laOfficer', ?, ?, ?)")
      .bind(officer.id, officer.email, school.laId, hash, salt)
      .run();
    const page = await signIn(officer.email, officer.password, /\/(staff|dashboard\/la)$/);
    if (!page.url().endsWith("/dashboard/la")) await page.getByRole("link", { name: "The local authority's dashboard" }).click();
    await page
      .locator("table", { hasText: "SEN support: Plan" })
      .first()
      .getByRole("row", { name: /SEN support: Plan/ })
      .getByRole("link")
      .first()
      .click();
    await page.waitForURL(/\/dashboard\/la\/tables\/pupils\?stage=senSupportPlan/);
    await page.getByLabel("Year group").selectOption({ label: "Year 5" });
    await page.getByRole("button", { name: "Apply filters" }).click();
    await page.waitForURL(/stage=senSupportPlan&year=5/);
    expect(await page.locator("table tbody a", { hasText: /Year5|Register/ }).allTextContents()).toEqual(["Ola Year5"]);
    await noViolations(page);
    await page.screenshot({ path: path.join(screenshots, "la-pupils-filtered.png"), fullPage: true });
    await page.context().close();
  }, 120_000);
});
