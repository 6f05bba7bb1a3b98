import { createServer, type Server } from "node:http";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { withUpnCheckLetter } from "../../schema/rules";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashPassword } from "../../worker/auth/password";
import { axeViolations } from "./support/axe";
import { mailTo } from "./support/mail";
import { isolatedContext, launchChromium, startWorker, type LocalWorker } from "./support/local";
import { insertSchool } from "./support/schools";
import { insertStaff } from "./support/staff";

const password = "correct horse battery staple";

/** A school's website on its own port, served as http://localhost (the origin local development may register). */
async function schoolWebsite(): Promise<{ origin: string; server: Server; show(html: string): void }> {
  let body = '<!doctype html><html lang="en"><title>Our school</title><h1>Our school</h1></html>';
  const server = createServer((_request, response) => response.writeHead(200, { "Content-Type": "text/html; charset=utf-8" }).end(body));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  return { origin: `http://localhost:${port}`, server, show: (html) => (body = html) };
}

async function insertAdmin(db: D1Database) {
  const email = `admin-${crypto.randomUUID().slice(0, 8)}@stepwise.test`;
  const { hash, salt } = await hashPassword(password);
  await db
    .prepare("INSERT INTO staff_users (id, email, name, role, password_hash, password_salt) VALUES (?, ?, 'Ada Admin', 'admin', ?, ?)")
    .bind(crypto.randomUUID(), email, hash, salt)
    .run();
  return email;
}

let upnSerial = 0;
/** Pupils of the school written straight into D1, each with a distinct UPN. */
async function insertPupils(db: D1Database, school: { id: string; laId: string }, names: [string, string, string][]) {
  const pupils = names.map(([givenName, familyName, yearGroup]) => ({
    id: crypto.randomUUID(),
    upn: withUpnCheckLetter(`${String(Date.now()).slice(-7)}${String(++upnSerial).padStart(5, "0")}`),
    givenName,
    familyName,
    yearGroup,
  }));
  await db.batch(
    pupils.map((p) =>
      db
        .prepare(
          "INSERT INTO pupils (id, upn, given_name, family_name, date_of_birth, year_group, school_id, la_id, framework, stage) VALUES (?, ?, ?, ?, '2018-03-04', ?, ?, ?, 'england2001', 'schoolAction')",
        )
        .bind(p.id, p.upn, p.givenName, p.familyName, p.yearGroup, school.id, school.laId),
    ),
  );
  return pupils;
}

async function signInOnPage(page: Page, baseUrl: string, email: string, secret = password) {
  await page.goto(`${baseUrl}/staff/sign-in`);
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Password").fill(secret);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL(/\/staff$/);
}

describe("running Stepwise in the browser: the directory, staff and who teaches whom", () => {
  let worker: LocalWorker;
  let browser: Browser;
  const servers: Server[] = [];
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    [worker, browser] = await Promise.all([startWorker(), launchChromium()]);
  });
  afterAll(async () => {
    await Promise.all(contexts.map((context) => context.close()));
    servers.forEach((server) => server.close());
    await browser?.close();
    await worker?.stop();
  });

  async function newPage(allowed: string[] = []) {
    const { context, blocked } = await isolatedContext(browser, [worker.url, ...allowed]);
    contexts.push(context);
    return { page: await context.newPage(), blocked };
  }

  it("an admin creates an LA and a school with an embed origin, and the school's public link works embedded from that origin", async () => {
    const admin = await insertAdmin(worker.db);
    const site = await schoolWebsite();
    servers.push(site.server);
    const { page, blocked } = await newPage([site.origin]);
    await signInOnPage(page, worker.url, admin);
    await page.getByRole("link", { name: "Local authorities and schools" }).click();
    expect(await axeViolations(page)).toEqual([]);

    await page.getByRole("link", { name: "Add a local authority" }).click();
    await page.getByRole("button", { name: "Add local authority" }).click();
    expect(await page.title()).toMatch(/^Error: Add a local authority/);
    expect(await axeViolations(page)).toEqual([]);
    const laNumber = String(100 + Math.floor(Math.random() * 900));
    await page.getByLabel("Name").fill("Harbourside Council");
    await page.getByLabel("LA number").fill(laNumber);
    await page.getByLabel("Region").selectOption("englandAndWales");
    await page.getByLabel(/Years a closed SEN file is kept/).fill("35");
    await page.getByRole("button", { name: "Add local authority" }).click();
    await page.waitForURL(/\/staff\/admin\?saved=la$/);
    const laRow = page.getByRole("row", { name: /Harbourside Council/ });
    expect(await laRow.textContent()).toContain("35 years after birth");

    const slug = `harbour-${crypto.randomUUID().slice(0, 6)}`;
    await page.getByRole("link", { name: "Add a school" }).click();
    expect(await axeViolations(page)).toEqual([]);
    await page.getByLabel("Local authority").selectOption({ label: "Harbourside Council" });
    await page.getByLabel("Name", { exact: true }).fill("Harbour Primary");
    await page.getByLabel(/Unique reference number/).fill(String(100000 + Math.floor(Math.random() * 900000)));
    await page.getByLabel("Phase").selectOption("primary");
    await page.getByLabel("Framework").selectOption("england2014");
    await page.getByLabel("Region").selectOption("englandAndWales");
    await page.getByLabel("Public address name").fill(slug);
    await page.getByLabel(/Websites that may embed/).fill("ftp://nowhere");
    await page.getByRole("button", { name: "Add school" }).click();
    expect(await page.title()).toMatch(/^Error: /);
    expect(await page.locator(".error-summary").textContent()).toContain("Enter an origin like https://www.school.example");
    expect(await page.getByLabel("Public address name").inputValue()).toBe(slug);
    await page.getByLabel(/Websites that may embed/).fill(site.origin);
    await page.getByRole("button", { name: "Add school" }).click();
    await page.waitForURL(/\/staff\/admin\/schools\/[0-9a-f-]+\?saved=1$/);
    expect(await axeViolations(page)).toEqual([]);
    expect(await page.getByRole("heading", { name: site.origin }).count()).toBe(1);
    const scriptTag = (await page.locator("pre[data-snippet=script]").textContent())!;
    expect(scriptTag).toBe(`<script src="${worker.url}/js/embed.js" data-school="${slug}" async></script>`);
    expect(await page.locator("pre[data-snippet=iframe]").textContent()).toContain(`${worker.url}/s/${slug}/concern?embed=${site.origin}`);

    // The school's web manager pastes the script tag into the website.
    site.show(`<!doctype html><html lang="en"><head><title>Our school</title></head><body><h1>Special educational needs</h1>${scriptTag}</body></html>`);
    const visitor = await newPage([site.origin]);
    await visitor.page.goto(site.origin);
    const frame = (await (await visitor.page.waitForSelector("iframe")).contentFrame())!;
    await frame.waitForSelector("form[data-form=parentConcern]");
    expect(await frame.locator(".caption").first().textContent()).toContain("Harbour Primary");
    expect([...blocked, ...visitor.blocked]).toEqual([]);
  });

  it("an admin sees failed deliveries first and sends one again", async () => {
    const admin = await insertAdmin(worker.db);
    const failedTo = `failed-${crypto.randomUUID().slice(0, 8)}@school.test`;
    await worker.db
      .prepare(
        "INSERT INTO outbox (id, audience, recipient_email, template, dedupe_key, status, attempts, next_attempt_at, last_error) VALUES (?, 'staff', ?, 'dailyDigest', ?, 'failed', 8, ?, 'Mailbox full')",
      )
      .bind(crypto.randomUUID(), failedTo, crypto.randomUUID(), new Date().toISOString())
      .run();
    const { page } = await newPage();
    await signInOnPage(page, worker.url, admin);
    await page.getByRole("link", { name: "The outbox" }).click();
    expect(await axeViolations(page)).toEqual([]);
    const headings = await page.locator("main h2").allTextContents();
    expect(headings[0]).toMatch(/^Failed/);
    expect(await page.getByRole("row", { name: new RegExp(failedTo) }).textContent()).toContain("Mailbox full");
    await page.getByRole("button", { name: `Retry the message to ${failedTo}` }).click();
    await page.waitForURL(/retried=1$/);
    expect(await page.getByRole("status").textContent()).toContain("sent again");
    const waiting = page.locator("table").nth(1);
    expect(await waiting.textContent()).toContain(failedTo);
  });

  it("a head invites a teacher, assigns a class of pupils, and the teacher, after accepting the invitation from the local mail, sees exactly those pupils", async () => {
    const school = await insertSchool(worker.db);
    const head = await insertStaff(worker.db, school, "head");
    const [inClass1, inClass2, inClass3, sameYear, otherYear] = await insertPupils(worker.db, school, [
      ["Amara", "Okafor", "3"],
      ["Ben", "Lowry", "3"],
      ["Cat", "Moss", "3"],
      ["Dev", "Patel", "3"],
      ["Eve", "Quinn", "5"],
    ]);
    const { page: headPage } = await newPage();
    await signInOnPage(headPage, worker.url, head.email);
    await headPage.getByRole("link", { name: `Staff: ${school.name}` }).click();
    expect(await axeViolations(headPage)).toEqual([]);

    const teacherEmail = `new.teacher.${crypto.randomUUID().slice(0, 6)}@school.test`;
    await headPage.getByRole("button", { name: "Send invitation" }).click();
    expect(await headPage.title()).toMatch(/^Error: Staff of/);
    expect(await axeViolations(headPage)).toEqual([]);
    await headPage.getByLabel("Full name").fill("Tom Teacher");
    await headPage.getByLabel("Email address", { exact: true }).fill(teacherEmail);
    await headPage.getByLabel("Teacher", { exact: true }).check();
    await headPage.getByRole("button", { name: "Send invitation" }).click();
    await headPage.waitForURL(/done=invited$/);
    expect(await headPage.getByRole("row", { name: /Tom Teacher/ }).textContent()).toContain(teacherEmail);

    // The class is ready before the teacher starts: the head gives it to the invitation still waiting.
    await headPage.getByRole("link", { name: "Pupils taught by Tom Teacher" }).click();
    expect(await headPage.textContent("main")).toContain("Tom Teacher has not accepted the invitation yet");
    expect(await axeViolations(headPage)).toEqual([]);
    // A well-formed UPN of no pupil of this school.
    const strangerUpn = withUpnCheckLetter("999999999999");
    await headPage.getByLabel(/A class list/).fill(`${inClass1!.upn}\n${strangerUpn}`);
    await headPage.getByRole("button", { name: "Add pupils" }).click();
    expect(await headPage.locator(".error-summary").textContent()).toContain(strangerUpn);
    expect(await headPage.getByLabel(/A class list/).inputValue()).toContain(strangerUpn);
    expect(await axeViolations(headPage)).toEqual([]);
    await headPage.getByLabel(/A class list/).fill([inClass1, inClass2, inClass3].map((pupil) => pupil!.upn).join("\n"));
    await headPage.getByRole("button", { name: "Add pupils" }).click();
    await headPage.waitForURL(/done=added$/);
    expect((await headPage.getByRole("group", { name: "Stop teaching" }).locator("label").allTextContents()).sort()).toEqual([
      "Lowry, Ben (Year 3)",
      "Moss, Cat (Year 3)",
      "Okafor, Amara (Year 3)",
    ]);
    expect(await axeViolations(headPage)).toEqual([]);

    await worker.runSchedule();
    const invitation = await mailTo(worker.mail, teacherEmail);
    const acceptUrl = invitation.match(/https?:\/\/\S+\/staff\/invitations\/[A-Za-z0-9_-]{43}/)?.[0];
    expect(acceptUrl).toBeDefined();

    const { page: teacherPage } = await newPage();
    await teacherPage.goto(acceptUrl!.replace(/^https?:\/\/[^/]+/, worker.url));
    expect(await axeViolations(teacherPage)).toEqual([]);
    const teacherPassword = "a long new password of my own";
    await teacherPage.getByLabel("Password", { exact: true }).fill(teacherPassword);
    await teacherPage.getByLabel("Confirm password").fill(teacherPassword);
    await teacherPage.getByRole("button", { name: "Create account" }).click();
    await teacherPage.waitForURL(/invited=accepted/);
    await signInOnPage(teacherPage, worker.url, teacherEmail, teacherPassword);

    const taught = await teacherPage.locator("main ul").last().locator("li").allTextContents();
    expect(taught.sort()).toEqual(["Lowry, Ben", "Moss, Cat", "Okafor, Amara"]);
    await teacherPage.getByRole("link", { name: "Okafor, Amara" }).click();
    expect(await teacherPage.locator("h1").textContent()).toContain("Amara Okafor");
    for (const untaught of [sameYear!, otherYear!]) {
      const response = await teacherPage.goto(`${worker.url}/forms/pupils/${untaught.id}`);
      expect(response?.status()).toBe(404);
    }

    // Accepted, the teacher is on the staff with the class as their own.
    await headPage.getByRole("link", { name: "Back to the staff" }).click();
    expect(await headPage.getByRole("table", { name: "Invitations not yet accepted" }).count()).toBe(0);
    await headPage.getByRole("link", { name: "Pupils taught by Tom Teacher" }).click();
    expect(await headPage.textContent("main")).toContain("Tom Teacher sees these pupils' records");
    expect((await headPage.getByRole("group", { name: "Stop teaching" }).locator("label").allTextContents()).sort()).toEqual([
      "Lowry, Ben (Year 3)",
      "Moss, Cat (Year 3)",
      "Okafor, Amara (Year 3)",
    ]);
  });

  it("a head removes a leaver, whose next request is refused", async () => {
    const school = await insertSchool(worker.db);
    const head = await insertStaff(worker.db, school, "head");
    const leaver = await insertStaff(worker.db, school, "teacher");
    const { page: leaverPage } = await newPage();
    await signInOnPage(leaverPage, worker.url, leaver.email);

    const { page: headPage } = await newPage();
    await signInOnPage(headPage, worker.url, head.email);
    await headPage.getByRole("link", { name: `Staff: ${school.name}` }).click();
    await headPage.getByRole("link", { name: "Remove A teacher as a leaver" }).click();
    expect(await axeViolations(headPage)).toEqual([]);
    await headPage.getByRole("button", { name: "Remove A teacher" }).click();
    await headPage.waitForURL(/done=removed$/);
    expect(await headPage.locator("table").first().textContent()).not.toContain(leaver.email);

    await leaverPage.reload();
    expect(leaverPage.url()).toMatch(/\/staff\/sign-in$/);
    const me = await leaverPage.evaluate(async () => (await fetch("/api/auth/me")).status);
    expect(me).toBe(401);
    await leaverPage.getByLabel("Email address").fill(leaver.email);
    await leaverPage.getByLabel("Password").fill(password);
    await leaverPage.getByRole("button", { name: "Sign in" }).click();
    expect(await leaverPage.title()).toMatch(/^Error: Sign in/);
  });

  it("an LA officer sees the LA's officers and gives the LA a shared mailbox", async () => {
    const school = await insertSchool(worker.db);
    const email = `officer-${crypto.randomUUID().slice(0, 8)}@la.test`;
    const { hash, salt } = await hashPassword(password);
    await worker.db
      .prepare("INSERT INTO staff_users (id, email, name, role, la_id, password_hash, password_salt) VALUES (?, ?, 'Olu Officer', 'laOfficer', ?, ?, ?)")
      .bind(crypto.randomUUID(), email, school.laId, hash, salt)
      .run();
    const { page } = await newPage();
    await signInOnPage(page, worker.url, email);
    await page.getByRole("link", { name: "The local authority's officers" }).click();
    expect(await axeViolations(page)).toEqual([]);
    expect(await page.getByRole("row", { name: /Olu Officer/ }).count()).toBe(1);
    await page.getByLabel(/Shared email address/).fill("not an address");
    await page.getByRole("button", { name: "Save shared mailbox" }).click();
    expect(await page.title()).toMatch(/^Error: /);
    await page.getByLabel(/Shared email address/).fill("SEN.Team@la.test");
    await page.getByRole("button", { name: "Save shared mailbox" }).click();
    await page.waitForURL(/done=mailbox$/);
    expect(await page.getByLabel(/Shared email address/).inputValue()).toBe("sen.team@la.test");
  });
});
