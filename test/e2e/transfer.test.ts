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

describe("a pupil moves between two Stepwise schools", () => {
  it("the leaving SENCO transfers a pupil to a school of another LA, whose SENCO accepts it; the leaving school then cannot open the record", async () => {
    const leaving = await schoolNamed("Leaving Lane Primary");
    const receiving = await schoolNamed("Receiving Road Primary");
    const leavingSenco = await insertStaff(worker.db, leaving, "senco");
    const receivingSenco = await insertStaff(worker.db, receiving, "senco");
    const pupilId = crypto.randomUUID();
    const now = new Date().toISOString();
    await worker.db.batch([
      worker.db
        .prepare(
          "INSERT INTO pupils (id, upn, given_name, family_name, date_of_birth, year_group, school_id, la_id, framework, stage, version) VALUES (?, ?, 'Ada', 'Traveller', '2017-05-04', '4', ?, ?, 'england2001', 'schoolAction', 0)",
        )
        .bind(pupilId, withUpnCheckLetter(`344${digits(9)}`), leaving.id, leaving.laId),
      worker.db
        .prepare("INSERT INTO pupil_events (pupil_id, seq, at, actor_role, move, to_stage, cycle) VALUES (?, 1, ?, 'senco', 'enrol', 'schoolAction', 0)")
        .bind(pupilId, now),
      worker.db.prepare("UPDATE pupils SET version = 1 WHERE id = ?").bind(pupilId),
    ]);

    const sender = await signInToRegister(leavingSenco.email);
    try {
      const { page } = sender;
      await page
        .getByRole("link", { name: /Traveller/ })
        .first()
        .click();
      await page.getByRole("link", { name: "Transfer to another school" }).click();
      await noViolations(page);
      const urnField = page.getByLabel("The receiving school's unique reference number (URN)");
      await urnField.fill(leaving.urn);
      await page.getByRole("button", { name: "Start the transfer" }).click();
      expect(await page.title()).toMatch(/^Error: Transfer to another school/);
      await noViolations(page);
      await expect.poll(() => page.getByText("This is the pupil's own school").count()).toBeGreaterThan(0);
      await urnField.fill(receiving.urn);
      await page.getByRole("button", { name: "Start the transfer" }).click();
      await page.getByText("Waiting for Receiving Road Primary to accept").waitFor();
      await noViolations(page);
    } finally {
      await sender.context.close();
    }

    const receiver = await signInToRegister(receivingSenco.email);
    try {
      const { page } = receiver;
      await page.getByRole("link", { name: "Pupils transferring to your school" }).click();
      await noViolations(page);
      await page.getByRole("button", { name: "Accept Ada Traveller" }).click();
      await page
        .getByRole("heading", { name: /Ada Traveller/ })
        .first()
        .waitFor();
      expect(new URL(page.url()).pathname).toBe(`/forms/pupils/${pupilId}`);
    } finally {
      await receiver.context.close();
    }

    const after = await signInToRegister(leavingSenco.email);
    try {
      const answer = await after.page.goto(new URL(`/forms/pupils/${pupilId}`, worker.url).href);
      expect(answer?.status()).toBe(404);
    } finally {
      await after.context.close();
    }
  }, 120_000);
});
