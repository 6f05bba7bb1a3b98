import { readFile } from "node:fs/promises";
import path from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
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
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

describe("one truth for what is due, and tasks a person can act on", () => {
  let worker: LocalWorker;
  let browser: Browser;

  beforeAll(async () => {
    [worker, browser] = await Promise.all([startWorker(), launchChromium()]);
  });
  afterAll(async () => {
    await browser?.close();
    await worker?.stop();
  });

  const noViolations = async (page: Page) => expect(await axeViolations(page)).toEqual([]);

  /** Signs in through the sign-in page by typing; returns the page and the session's bearer token (for set-up only). */
  async function signIn(email: string, landing: RegExp = /\/staff$/): Promise<{ context: BrowserContext; page: Page; token: string }> {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${worker.url}/staff/sign-in`);
    await page.getByLabel("Email address").fill(email);
    await page.getByLabel("Password").fill(staffPassword);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL(landing);
    const token = (await context.cookies(worker.url)).find((cookie) => cookie.name.endsWith("stepwise_session"))?.value;
    if (!token) throw new Error("no session cookie after signing in");
    return { context, page, token };
  }

  async function insertOfficer(laId: string) {
    const email = `officer-${crypto.randomUUID().slice(0, 8)}@la.test`;
    const { hash, salt } = await hashPassword(staffPassword);
    await worker.db
      .prepare("INSERT INTO staff_users (id, email, name, role, la_id, password_hash, password_salt) VALUES (?, ?, 'An officer', 'laOfficer', ?, ?, ?)")
      .bind(crypto.randomUUID(), email, laId, hash, salt)
      .run();
    return email;
  }

  async function api(token: string, route: string, body: unknown) {
    const response = await fetch(`${worker.url}${route}`, {
      method: "POST",
      headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
      body: JSON.stringify(body),
    });
    if (response.status !== 201) throw new Error(`${route}: ${response.status} ${await response.text()}`);
    return (await response.json()) as Record<string, any>;
  }

  /** Every message delivered to `to` so far, as text (waiting a moment for the log of the last send). */
  async function mailsTo(to: string) {
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const texts = await Promise.all(worker.mail.paths.map((file) => readFile(file, "utf8")));
    return texts.map((raw) => raw.replace(/=\r?\n/g, "")).filter((text) => new RegExp(`^To: .*${to.replace(/[.+]/g, "\\$&")}`, "mi").test(text));
  }

  const registerRow = (page: Page, name: string) => page.locator("tr", { has: page.getByRole("link", { name, exact: true }) });

  it("a review made overdue shows on the register, the pupil's page, My tasks, the LA dashboard and the digest; recorded on the pages, it shows on none", async () => {
    const school = await insertSchool(worker.db, { framework: "england2014" });
    const senco = await insertStaff(worker.db, school, "senco");
    const officerEmail = await insertOfficer(school.laId);
    const { context, page, token } = await signIn(senco.email);

    // Set-up, not the journey: a pupil at SEN support: Do with a plan, its review clock then made overdue in the data.
    const { pupil } = await api(token, "/api/pupils", {
      upn: upn(),
      givenName: "Noah",
      familyName: "Hughes",
      dateOfBirth: "2016-02-10",
      yearGroup: "5",
      schoolId: school.id,
      stage: "senSupportDo",
      areasOfNeed: ["cognitionAndLearning"],
    });
    const target = {
      target: "Reads 20 more words",
      successCriteria: "In 3 of 4 sessions",
      materials: "Word cards",
      methods: "Precision teaching",
      deliveredBy: "Teaching assistant",
      groupSize: "One to one",
      frequency: "Daily",
    };
    await api(token, `/api/pupils/${pupil.id}/plans`, {
      kind: "iep",
      objective: "Read the first 100 words",
      baseline: "Reads 20",
      targets: [target, target, target],
      dateWritten: day(-60),
      reviewDate: day(30),
    });
    await worker.db.prepare("UPDATE clocks SET due_on = ? WHERE pupil_id = ? AND kind = 'planReview'").bind(day(-3), pupil.id).run();

    await page.goto(`${worker.url}/dashboard/schools/${school.id}`);
    expect(await registerRow(page, "Noah Hughes").textContent()).toContain("Review overdue");
    await noViolations(page);
    await page.screenshot({ path: path.join(screenshots, "due-register-overdue.png"), fullPage: true });

    await page.getByRole("navigation", { name: "Menu" }).getByRole("link", { name: "My tasks" }).click();
    await page.waitForURL(/\/forms\/schools\/[^/]+\/tasks$/);
    const reviewTask = page.locator("tr", { hasText: "Hold the review" });
    expect(await reviewTask.locator(".tag--red").textContent()).toBe("Overdue by 3 days");
    await noViolations(page);
    await page.screenshot({ path: path.join(screenshots, "due-tasks-overdue.png"), fullPage: true });

    await reviewTask.getByRole("link", { name: "Noah Hughes" }).click();
    await page.waitForURL(new RegExp(`/forms/pupils/${pupil.id}$`));
    expect(await page.locator("ul.due-list li[data-clock=planReview] .tag--red").textContent()).toBe("Overdue by 3 days");
    await noViolations(page);

    const officer = await signIn(officerEmail);
    await officer.page.goto(`${worker.url}/dashboard/la`);
    expect(
      await officer.page.locator("table", { has: officer.page.locator("caption", { hasText: "Overdue reviews, longest overdue first" }) }).textContent(),
    ).toContain("Noah Hughes");
    await officer.page.screenshot({ path: path.join(screenshots, "due-la-overdue.png"), fullPage: true });

    await worker.runSchedule("0 6 * * *", new Date(`${day(0)}T06:00:00Z`));
    const digests = await mailsTo(senco.email);
    expect(digests.some((mail) => mail.includes("Noah H.: Plan review date, overdue"))).toBe(true);

    // The review recorded on the pages, from the task that asks for it.
    await page.goto(`${worker.url}/forms/schools/${school.id}/tasks`);
    await page
      .locator("tr", { hasText: "Hold the review" })
      .getByRole("link", { name: /^Hold the review/ })
      .click();
    await page.waitForURL(/\/review$/);
    await page.getByLabel(/Evaluation of the pupil's performance/).fill("Some progress: 30 more words read");
    for (const index of [0, 1, 2]) await page.locator("fieldset.target").nth(index).getByLabel("Partly achieved").check();
    await page.getByRole("button", { name: /^Save the review/ }).click();
    await page.waitForURL(/saved=review/);
    expect(await page.locator("ul.due-list .tag--red").count()).toBe(0);

    await page.goto(`${worker.url}/dashboard/schools/${school.id}`);
    expect(await registerRow(page, "Noah Hughes").textContent()).not.toContain("Review overdue");
    await page.goto(`${worker.url}/forms/schools/${school.id}/tasks`);
    expect(await page.locator("tr", { hasText: "Hold the review" }).count()).toBe(0);
    await page.screenshot({ path: path.join(screenshots, "due-tasks-after-review.png"), fullPage: true });
    await officer.page.reload();
    expect(
      await officer.page.locator("table", { has: officer.page.locator("caption", { hasText: "Overdue reviews, longest overdue first" }) }).textContent(),
    ).not.toContain("Noah Hughes");

    // The next day's digest: the clock has stopped, so nothing about the review.
    await worker.runSchedule("0 6 * * *", new Date(`${day(1)}T06:00:00Z`));
    expect((await mailsTo(senco.email)).filter((mail) => mail.includes("Noah H.: Plan review date"))).toHaveLength(
      digests.filter((mail) => mail.includes("Noah H.: Plan review date")).length,
    );
    await officer.context.close();
    await context.close();
  });

  it("a teacher's Record of Concern is at once a SENCO task, an emailed notice and a register row marked 'Concern raised'", async () => {
    const school = await insertSchool(worker.db, { framework: "england2014" });
    const senco = await insertStaff(worker.db, school, "senco");
    const teacher = await insertStaff(worker.db, school, "teacher");
    const pupilId = crypto.randomUUID();
    await worker.db.batch([
      worker.db
        .prepare(
          "INSERT INTO pupils (id, upn, given_name, family_name, date_of_birth, year_group, school_id, la_id, framework, stage, version) VALUES (?, ?, 'Ava', 'Jones', '2016-02-10', '5', ?, ?, 'england2014', 'noSenIdentified', 0)",
        )
        .bind(pupilId, upn(), school.id, school.laId),
      worker.db.prepare("INSERT INTO teaching_assignments (user_id, pupil_id) VALUES (?, ?)").bind(teacher.id, pupilId),
    ]);

    const { context, page } = await signIn(teacher.email);
    await page.getByRole("link", { name: "Jones, Ava" }).click();
    await page.getByRole("link", { name: "Record a concern" }).click();
    await page.waitForURL(/\/concern$/);
    await page.getByLabel("Name 1").fill("Ms Class Teacher");
    await page.getByLabel("Position 1").fill("Class teacher");
    await page.getByLabel("Cognition and learning").check();
    await page.getByLabel("Brief description of difficulty").fill("Reads well below her peers");
    await page.getByRole("button", { name: "Save the Record of Concern" }).click();
    await page.waitForURL(/saved=recordOfConcern/);
    await context.close();

    const notice = await worker.db
      .prepare("SELECT created_at FROM outbox WHERE pupil_id = ? AND template = 'staffConcernRaised'")
      .bind(pupilId)
      .first<{ created_at: string }>();
    expect(notice?.created_at.slice(0, 10)).toBe(day(0));
    await worker.runSchedule();
    const mails = await mailsTo(senco.email);
    expect(
      mails.some((mail) => mail.includes("recorded a concern about Ava Jones")),
      mails.join("\n----\n") + worker.mail.paths.length,
    ).toBe(true);

    const sencoSession = await signIn(senco.email);
    await sencoSession.page.goto(`${worker.url}/forms/schools/${school.id}/tasks`);
    const task = sencoSession.page.locator("tr", { hasText: "Decide the action on the Record of Concern" });
    expect(await task.count()).toBe(1);
    await noViolations(sencoSession.page);
    await sencoSession.page.screenshot({ path: path.join(screenshots, "due-concern-task.png"), fullPage: true });
    await sencoSession.page.goto(`${worker.url}/dashboard/schools/${school.id}`);
    expect(await registerRow(sencoSession.page, "Ava Jones").textContent()).toContain("Concern raised");
    await sencoSession.page.goto(`${worker.url}/forms/schools/${school.id}/tasks`);
    await sencoSession.page
      .locator("tr", { hasText: "Decide the action" })
      .getByRole("link", { name: /^Decide the action/ })
      .click();
    await sencoSession.page.waitForURL(new RegExp(`/forms/pupils/${pupilId}$`));
    await sencoSession.context.close();
  });
});
