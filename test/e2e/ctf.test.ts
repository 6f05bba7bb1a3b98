import { readFile } from "node:fs/promises";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withUpnCheckLetter } from "../../schema/rules";
import { axeViolations } from "./support/axe";
import { launchChromium, startWorker, type LocalWorker } from "./support/local";
import { insertSchool } from "./support/schools";
import { insertStaff } from "./support/staff";

let worker: LocalWorker;
let browser: Browser;
beforeAll(async () => {
  worker = await startWorker();
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await worker?.stop();
});

const noViolations = async (page: Page) => expect(await axeViolations(page)).toEqual([]);
const digits = (n: number) => String(Math.floor(Math.random() * 10 ** n)).padStart(n, "0");

/** Signs in on the sign-in page, by typing, and opens the school's SEN register from the staff home. */
async function signInToRegister(email: string) {
  const context = await browser.newContext();
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  await page.goto(new URL("/staff/sign-in", worker.url).href);
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Password").fill("correct horse battery staple");
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByRole("link", { name: /^SEN register:/ }).click();
  return { context, page };
}

/** A school of its own LA with a URN and a name of its own. */
async function schoolNamed(name: string) {
  const school = await insertSchool(worker.db);
  const urn = `1${digits(5)}`;
  await worker.db.prepare("UPDATE schools SET name = ?, urn = ? WHERE id = ?").bind(name, urn, school.id).run();
  return { ...school, name, urn };
}

describe("a pupil's Common Transfer File", () => {
  it("the leaving SENCO downloads it; another school's SENCO uploads it, checks the preview and adds the pupil with their SEN history", async () => {
    const leaving = await schoolNamed("Leaving Lane Primary");
    const receiving = await schoolNamed("Receiving Road Primary");
    const leavingSenco = await insertStaff(worker.db, leaving, "senco");
    const receivingSenco = await insertStaff(worker.db, receiving, "senco");
    const pupilId = crypto.randomUUID();
    const now = new Date().toISOString();
    await worker.db.batch([
      worker.db
        .prepare(
          "INSERT INTO pupils (id, upn, given_name, family_name, date_of_birth, year_group, school_id, la_id, framework, stage, version, primary_need) VALUES (?, ?, 'Ada', 'Traveller', '2017-05-04', '4', ?, ?, 'england2001', 'schoolAction', 0, 'SPLD')",
        )
        .bind(pupilId, withUpnCheckLetter(`344${digits(9)}`), leaving.id, leaving.laId),
      worker.db
        .prepare("INSERT INTO pupil_events (pupil_id, seq, at, actor_role, move, to_stage, cycle) VALUES (?, 1, ?, 'senco', 'enrol', 'schoolAction', 0)")
        .bind(pupilId, now),
      worker.db.prepare("UPDATE pupils SET version = 1 WHERE id = ?").bind(pupilId),
    ]);

    let ctf = "";
    const sender = await signInToRegister(leavingSenco.email);
    try {
      const { page } = sender;
      await page
        .getByRole("link", { name: /Traveller/ })
        .first()
        .click();
      await page.getByRole("link", { name: "Transfer to another school" }).click();
      await noViolations(page);
      const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Download the Common Transfer File" }).click()]);
      const path = await download.path();
      ctf = await readFile(path, "utf8");
      expect(ctf).toContain("<CTFversion>25.0</CTFversion>");
    } finally {
      await sender.context.close();
    }

    const receiver = await signInToRegister(receivingSenco.email);
    try {
      const { page } = receiver;
      await page.getByRole("link", { name: "add a pupil from a Common Transfer File" }).click();
      await noViolations(page);
      await page.getByRole("button", { name: "Check the file" }).click();
      expect(await page.title()).toMatch(/^Error: Add a pupil from a Common Transfer File/);
      await noViolations(page);
      await page.getByLabel("Upload the Common Transfer File (XML)").setInputFiles({ name: "ada.xml", mimeType: "application/xml", buffer: Buffer.from(ctf) });
      await page.getByRole("button", { name: "Check the file" }).click();
      await page.getByRole("heading", { name: "Check the pupil joining" }).waitFor();
      await noViolations(page);
      expect(await page.getByText("School Action", { exact: true }).count()).toBeGreaterThan(0);
      expect(await page.getByText("SPLD").count()).toBeGreaterThan(0);
      await page.getByRole("button", { name: "Add Ada Traveller to your register" }).click();
      await page
        .getByRole("heading", { name: /Ada Traveller/ })
        .first()
        .waitFor();
      await page.getByText("SEN history from the Common Transfer File").waitFor();
      await noViolations(page);
    } finally {
      await receiver.context.close();
    }
  }, 120_000);

  it("the SENCO of a pupil leaving for a school not on Stepwise downloads the CTF and records the day they left, closing the record", async () => {
    const leaving = await schoolNamed("Closing Close Primary");
    const senco = await insertStaff(worker.db, leaving, "senco");
    const pupilId = crypto.randomUUID();
    await worker.db.batch([
      worker.db
        .prepare(
          "INSERT INTO pupils (id, upn, given_name, family_name, date_of_birth, year_group, school_id, la_id, framework, stage, version, primary_need) VALUES (?, ?, 'Bea', 'Departing', '2016-02-03', '5', ?, ?, 'england2001', 'schoolAction', 0, 'MLD')",
        )
        .bind(pupilId, withUpnCheckLetter(`344${digits(9)}`), leaving.id, leaving.laId),
      worker.db
        .prepare("INSERT INTO pupil_events (pupil_id, seq, at, actor_role, move, to_stage, cycle) VALUES (?, 1, ?, 'senco', 'enrol', 'schoolAction', 0)")
        .bind(pupilId, new Date().toISOString()),
      worker.db.prepare("UPDATE pupils SET version = 1 WHERE id = ?").bind(pupilId),
    ]);
    const { context, page } = await signInToRegister(senco.email);
    try {
      await page
        .getByRole("link", { name: /Departing/ })
        .first()
        .click();
      await page.getByRole("link", { name: "Transfer to another school" }).click();
      await page.getByRole("link", { name: "Record that the pupil has left for a school not on Stepwise" }).click();
      await page.getByRole("heading", { name: "Record that the pupil has left" }).waitFor();
      await noViolations(page);
      const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Download the Common Transfer File" }).click()]);
      expect(await readFile(await download.path(), "utf8")).toContain("<Surname>Departing</Surname>");

      await page.getByRole("button", { name: "Record that they left and close the record" }).click();
      expect(await page.title()).toMatch(/^Error: Record that the pupil has left/);
      await noViolations(page);
      const day = page.getByRole("group", { name: "The date the pupil left" });
      await day.getByLabel("Day").fill("3");
      await day.getByLabel("Month").fill("7");
      await day.getByLabel("Year").fill("2026");
      await page.getByLabel("The school or setting they went to (optional)").fill("Harbour Academy, Jersey");
      await page.getByRole("button", { name: "Record that they left and close the record" }).click();
      await page.getByRole("heading", { name: "Bea Departing has left" }).waitFor();
      await page.getByText("Left the school on 3 July 2026, for Harbour Academy, Jersey: record closed").waitFor();
      expect(await page.getByText("3 February 2047").count()).toBe(1);
      await noViolations(page);
    } finally {
      await context.close();
    }
  }, 120_000);
});
