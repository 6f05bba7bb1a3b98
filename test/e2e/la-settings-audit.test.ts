import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { withUpnCheckLetter } from "../../schema/rules";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashPassword } from "../../worker/auth/password";
import { dayInWords } from "../../worker/calendar/day-words";
import { addCalendarPeriod, addWorkingDays } from "../../worker/calendar/working-days";
import { drsProcedure, drsStepLabel } from "../../worker/workflow/drs-procedure";
import { frameworks } from "../../worker/workflow/frameworks";
import { axeViolations } from "./support/axe";
import { launchChromium, startWorker, type LocalWorker } from "./support/local";
import { insertSchool } from "./support/schools";
import { insertStaff, signInToken } from "./support/staff";

const screenshots = path.resolve(import.meta.dirname, "../../test-results");
const password = "correct horse battery staple";
const today = new Date().toISOString().slice(0, 10);
const steps = drsProcedure.steps;

/** The Monday after next week starts, so the closure days fall inside a new DRS clock's 20 working days. */
function nextMonday(from: string) {
  let date = addCalendarPeriod(from, 1, "days");
  while (new Date(`${date}T00:00:00Z`).getUTCDay() !== 1) date = addCalendarPeriod(date, 1, "days");
  return date;
}

describe("an LA officer's settings and the audit log in a browser", () => {
  let worker: LocalWorker;
  let browser: Browser;
  let school: Awaited<ReturnType<typeof insertSchool>>;
  let senco: { id: string; email: string };
  let head: { id: string; email: string };
  let officer: { id: string; email: string };
  const pupils: { id: string; name: string }[] = [];

  beforeAll(async () => {
    [worker, browser] = await Promise.all([startWorker(), launchChromium()]);
    school = await insertSchool(worker.db);
    senco = await insertStaff(worker.db, school, "senco");
    head = await insertStaff(worker.db, school, "head");
    officer = { id: crypto.randomUUID(), email: `officer-${crypto.randomUUID().slice(0, 8)}@la.test` };
    const { hash, salt } = await hashPassword(password);
    await worker.db
      .prepare("INSERT INTO staff_users (id, email, name, role, la_id, password_hash, password_salt) VALUES (?, ?, 'Olive Officer', 'laOfficer', ?, ?, ?)")
      .bind(officer.id, officer.email, school.laId, hash, salt)
      .run();
    // The pupils are on the register already: enrolling them is not this journey.
    const token = await signInToken(worker.url, senco.email);
    for (const [givenName, familyName] of [
      ["Ada", "Lovelace"],
      ["Ben", "Okri"],
    ] as const) {
      const response = await fetch(`${worker.url}/api/pupils`, {
        method: "POST",
        headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
        body: JSON.stringify({
          upn: withUpnCheckLetter(`${crypto.getRandomValues(new Uint32Array(1))[0]}`.padEnd(12, "7")),
          givenName,
          familyName,
          dateOfBirth: "2017-05-04",
          yearGroup: "4",
          schoolId: school.id,
          stage: "schoolAction",
        }),
      });
      expect(response.status).toBe(201);
      pupils.push({ id: ((await response.json()) as { pupil: { id: string } }).pupil.id, name: `${givenName} ${familyName}` });
    }
  });
  afterAll(async () => {
    await browser?.close();
    await worker?.stop();
  });

  async function signedIn(email: string): Promise<Page> {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${worker.url}/staff/sign-in`);
    await page.getByLabel("Email address").fill(email);
    await page.getByLabel("Password").fill(password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL(/\/staff$/);
    return page;
  }
  const noViolations = async (page: Page) => expect(await axeViolations(page)).toEqual([]);

  /** The SENCO refers a disagreement to the DRS on the pupil's page, by typing and clicking. */
  async function referToDrs(page: Page, pupil: { id: string; name: string }) {
    await page.goto(`${worker.url}/staff`);
    await page
      .locator("#main")
      .getByRole("link", { name: /^SEN register/ })
      .click();
    await page
      .getByRole("link", { name: new RegExp(pupil.name.split(" ")[1]!) })
      .first()
      .click();
    await page.getByRole("link", { name: /Refer a disagreement/ }).click();
    await page.getByLabel("How the school and the parents/carers tried to resolve the disagreement informally").fill("Two meetings with the Headteacher");
    await page.getByRole("group", { name: "The parents/carers", exact: true }).getByLabel("Agrees to mediation through the DRS").check();
    await page.getByRole("group", { name: "The school", exact: true }).getByLabel("Agrees to mediation through the DRS").check();
    for (const who of ["Date signed by the parents/carers", "Date signed by the school"]) {
      const date = page.getByRole("group", { name: who });
      await date.getByLabel("Day").fill(String(Number(today.slice(8, 10))));
      await date.getByLabel("Month").fill(String(Number(today.slice(5, 7))));
      await date.getByLabel("Year").fill(today.slice(0, 4));
    }
    await page.getByLabel("Brief written summary of the issues in dispute").fill("Provision in the plan");
    await page.getByLabel(/The action the school has taken/).fill("Offered a weekly check-in");
    await page.getByRole("button", { name: /Submit the referral/ }).click();
    await page.waitForURL(/\/print\/pupils\/.+\/drs-referrals\//);
    // The school's later steps, each on its own page: submitting the referral starts the LA's clock (forwarding it,
    // a local DRS timescale) by the LA's timescales of the day.
    await page.getByRole("link", { name: "The referral's steps and deadlines" }).click();
    await page.waitForURL(/\/forms\/drs-referrals\/[^/]+$/);
    for (const step of ["parentPartnershipInformed", "mediationAgreed", "referralSubmitted"] as const) {
      const link = page.locator("#main").getByRole("link", { name: drsStepLabel(step, frameworks.england2001.words), exact: true });
      // The referral form may already carry a step (its agreement): only the steps open now have a link.
      if (!(await link.count())) continue;
      await link.click();
      await page.waitForURL(new RegExp(`/steps/${step}$`));
      await page.getByRole("button", { name: "Record the step" }).click();
      await page.waitForURL(new RegExp(`\\?saved=${step}$`));
    }
    await page.getByText(`Now at: ${steps.referralSubmitted.label}`).waitFor();
    await noViolations(page);
  }

  /** The "Due on" of each open DRS referral on the LA dashboard, by pupil. */
  async function drsDueDates(page: Page): Promise<Record<string, string>> {
    await page.getByRole("navigation", { name: "Menu" }).getByRole("link", { name: "Dashboard" }).click();
    const table = page.locator("table", { has: page.locator("caption", { hasText: "Open DRS referrals" }) });
    const rows = await table.locator("tbody tr").allInnerTexts();
    return Object.fromEntries(rows.map((row) => row.split("\t")).map((cells) => [cells[1]!, cells[5]!]));
  }

  it("an LA officer changes a DRS timescale and adds closure days, and a running clock is unchanged while a new one uses the new value", async () => {
    const sencoPage = await signedIn(senco.email);
    await referToDrs(sencoPage, pupils[0]!);
    const runningDue = addWorkingDays(today, 10, "englandAndWales");

    const page = await signedIn(officer.email);
    await page.getByRole("link", { name: /settings: timescales/ }).click();
    await expect(page.locator("h1").textContent()).resolves.toBe("Settings for Wirral");
    // Statutory timescales are shown, not offered for change.
    const statutory = page.locator("table", { has: page.locator("caption", { hasText: "Statutory timescales" }) });
    expect((await statutory.locator("tbody tr").allInnerTexts()).some((row) => row.includes("\t20 weeks\tSEND Regulations 2014, reg 13"))).toBe(true);
    // The statutory EHC clocks have no field; only the under-fives' review interval (Code 9.178, guidance) is the LA's to set.
    expect(await page.getByLabel(/EHC(?! plan review for a child under five).*number/).count()).toBe(0);
    expect(await page.getByLabel(/EHC plan review for a child under five.*number/).count()).toBe(1);
    await noViolations(page);
    await page.screenshot({ path: path.join(screenshots, "la-settings.png"), fullPage: true });

    // A mistyped number is sent back with the error linked to its field, keeping what was typed.
    const forwarded = "DRS referral checked and forwarded by the LA: the LA's number";
    await page.getByLabel(forwarded).fill("twenty");
    await page.getByRole("button", { name: "Save the timescales" }).click();
    expect(await page.title()).toMatch(/^Error: Settings for Wirral/);
    expect(await page.getByLabel(forwarded).inputValue()).toBe("twenty");
    await noViolations(page);
    await page.locator(".error-summary a").first().click();

    await page.getByLabel(forwarded).fill("20");
    await page.getByLabel("DRS referral checked and forwarded by the LA: counted in").selectOption({ label: "working days" });
    await page.getByRole("button", { name: "Save the timescales" }).click();
    await expect(page.getByRole("status").textContent()).resolves.toContain("The timescales are saved");
    expect(await page.getByLabel(forwarded).inputValue()).toBe("20");

    const monday = nextMonday(today);
    const wednesday = addCalendarPeriod(monday, 2, "days");
    const from = page.getByRole("group", { name: "First closure day" });
    await from.getByLabel("Day").fill(String(Number(monday.slice(8, 10))));
    await from.getByLabel("Month").fill(String(Number(monday.slice(5, 7))));
    await from.getByLabel("Year").fill(monday.slice(0, 4));
    const to = page.getByRole("group", { name: "Last closure day (for a range)" });
    await to.getByLabel("Day").fill(String(Number(wednesday.slice(8, 10))));
    await to.getByLabel("Month").fill(String(Number(wednesday.slice(5, 7))));
    await to.getByLabel("Year").fill(wednesday.slice(0, 4));
    await page.getByLabel("Why the schools are closed").fill("Staff training");
    await page.getByRole("button", { name: "Add the closure days" }).click();
    await expect(page.getByRole("status").textContent()).resolves.toContain("The closure days are added");
    const closures = page.locator("table", { has: page.locator("caption", { hasText: "The LA's closure days" }) });
    expect(await closures.locator("tbody tr").count()).toBe(3);
    await noViolations(page);

    // The referral made before the change keeps its due date; one made after runs 20 working days, around the closures.
    await referToDrs(sencoPage, pupils[1]!);
    const closureSet = new Set([monday, addCalendarPeriod(monday, 1, "days"), wednesday]);
    const newDue = addWorkingDays(today, 20, "englandAndWales", closureSet);
    expect(newDue).not.toBe(addWorkingDays(today, 20, "englandAndWales"));
    const due = await drsDueDates(page);
    expect(due).toEqual({ [pupils[0]!.name]: dayInWords(runningDue), [pupils[1]!.name]: dayInWords(newDue) });

    // Each change is in the LA's audit log, by name.
    await page.getByRole("link", { name: "Stepwise" }).click();
    await page.getByRole("link", { name: "The audit log" }).click();
    const entries = await page.locator("tbody tr").allInnerTexts();
    expect(entries).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/\tOlive Officer\tLA officer\t\tChanged: timescales\tRefused\t/),
        expect.stringMatching(/\tOlive Officer\tLA officer\t\tChanged: timescales\tDone\t/),
        expect.stringMatching(/\tOlive Officer\tLA officer\t\tRecorded: closure day\tDone\t/),
      ]),
    );
    await noViolations(page);
    await page.context().close();
    await sencoPage.context().close();
  });

  it("a head reads the audit log as a page with names, filters it by person, pupil and days, and downloads what it shows", async () => {
    const page = await signedIn(head.email);
    await page.getByRole("link", { name: "The audit log" }).click();
    await expect(page.locator("h1").textContent()).resolves.toBe("Audit log");
    const rows = page.locator("tbody tr");
    await expect(rows.first().innerText()).resolves.toMatch(/^\d{1,2} \w+ \d{4}, \d\d:\d\d\t/);
    const texts = await rows.allInnerTexts();
    expect(texts.some((row) => /\tA senco\tSENCO\tAda Lovelace\tRecorded: drs referral\tDone\t/.test(row))).toBe(true);
    await expect(page.getByRole("link", { name: "Ada Lovelace" }).first().getAttribute("href")).resolves.toBe(`/forms/pupils/${pupils[0]!.id}`);
    await noViolations(page);
    await page.screenshot({ path: path.join(screenshots, "audit-log.png"), fullPage: true });

    await page.getByLabel("Person").selectOption({ label: "A senco (SENCO)" });
    await page.getByLabel("Pupil").fill("Okri");
    const from = page.getByRole("group", { name: "From" });
    await from.getByLabel("Day").fill(String(Number(today.slice(8, 10))));
    await from.getByLabel("Month").fill(String(Number(today.slice(5, 7))));
    await from.getByLabel("Year").fill(today.slice(0, 4));
    await page.getByRole("button", { name: "Show these entries" }).click();
    expect(new URL(page.url()).searchParams.get("actorId")).toBe(senco.id);
    expect(new URL(page.url()).searchParams.get("pupil")).toBe("Okri");
    const filtered = await rows.allInnerTexts();
    expect(filtered.length).toBeGreaterThan(3);
    expect(filtered.every((row) => row.includes("\tA senco\tSENCO\tBen Okri\t"))).toBe(true);
    await noViolations(page);

    const download = page.waitForEvent("download");
    await page.getByRole("link", { name: "Download these entries as CSV" }).click();
    const { readFileSync } = await import("node:fs");
    const csv = readFileSync((await (await download).path())!, "utf8")
      .trim()
      .split("\r\n");
    expect(csv[0]).toBe("When,Who,Role,Pupil,What,Outcome,From where");
    expect(csv).toHaveLength(filtered.length + 1);

    // A later day than any entry shows none; the filters stay in the address and on the form.
    const to = page.getByRole("group", { name: "To" });
    await from.getByLabel("Year").fill(String(Number(today.slice(0, 4)) + 1));
    await to.getByLabel("Day").fill("1");
    await to.getByLabel("Month").fill("1");
    await to.getByLabel("Year").fill(String(Number(today.slice(0, 4)) + 1));
    await page.getByRole("button", { name: "Show these entries" }).click();
    await expect(rows.allInnerTexts()).resolves.toEqual(["No entries"]);
    expect(await page.getByLabel("Pupil").inputValue()).toBe("Okri");
    await page.context().close();
  });
});
