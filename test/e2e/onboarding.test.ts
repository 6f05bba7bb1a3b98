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

const serial = () => String(Math.floor(Math.random() * 1e9)).padStart(9, "0");

describe("a school starts on Stepwise", () => {
  it("a SENCO enrols a pupil on a page, correcting a mistyped UPN", async () => {
    const school = await insertSchool(worker.db, { framework: "england2014" });
    const senco = await insertStaff(worker.db, school, "senco");
    const { context, page } = await signInToRegister(senco.email);
    try {
      await page.getByRole("link", { name: "Enrol a pupil" }).click();
      await noViolations(page);
      const upn = withUpnCheckLetter(`344${serial()}`);
      const wrongLetter = `${upn[0] === "A" ? "B" : "A"}${upn.slice(1)}`;
      await page.getByLabel("Unique pupil number (UPN)").fill(wrongLetter);
      await page.getByLabel("First name").fill("Priya");
      await page.getByLabel("Last name").fill("Shah");
      await page.getByLabel("Day").fill("14");
      await page.getByLabel("Month").fill("6");
      await page.getByLabel("Year", { exact: true }).fill("2017");
      await page.getByLabel("Year group").selectOption("4");
      await page.getByLabel("SEN support: Assess").check();
      await page.getByLabel("Primary need (optional for no SEN provision)").selectOption("SLCN");
      await page.getByRole("button", { name: "Enrol the pupil" }).click();
      expect(await page.title()).toMatch(/^Error: Enrol a pupil/);
      await noViolations(page);
      expect(await page.getByLabel("Last name").inputValue()).toBe("Shah");
      await page.getByRole("link", { name: /first letter does not match/ }).click();
      await page.getByLabel("Unique pupil number (UPN)").fill(upn);
      await page.getByRole("button", { name: "Enrol the pupil" }).click();
      await page.waitForURL(/\/forms\/pupils\/[0-9a-f-]{36}$/);
      const main = await page.textContent("main");
      expect(main).toContain("Priya Shah");
      expect(main).toContain("SEN support: Assess");
    } finally {
      await context.close();
    }
  });

  it("a SENCO imports the register, sees the bad row, fixes it and confirms", async () => {
    const school = await insertSchool(worker.db, { framework: "england2014" });
    const senco = await insertStaff(worker.db, school, "senco");
    const { context, page } = await signInToRegister(senco.email);
    try {
      const register = (surnameOfSecond: string) =>
        Buffer.from(
          [
            "UPN,Legal Surname,Legal Forename,DOB,NC Year,SEN Provision,SEN Need 1,SEN Need 2",
            `${withUpnCheckLetter(`344${serial()}`)},Okafor,Ade,30/09/2016,Year 5,K,SPLD,`,
            `${withUpnCheckLetter(`344${serial()}`)},${surnameOfSecond},Bo,01/09/2017,Year 4,E,ASD,HI`,
            `${withUpnCheckLetter(`344${serial()}`)},Lee,Cy,02/02/2018,Year 3,N,,`,
          ].join("\r\n"),
        );
      await page.getByRole("link", { name: "import the register from your MIS" }).click();
      await noViolations(page);
      const withBadRow = register("");
      await page.getByLabel("Upload the register (CSV)").setInputFiles({ name: "register.csv", mimeType: "text/csv", buffer: withBadRow });
      await page.getByRole("button", { name: "Check the file" }).click();
      expect(await page.title()).toMatch(/^Error: Import the SEN register/);
      await noViolations(page);
      const rows = await page.locator("tbody tr").allTextContents();
      expect(rows).toEqual(["3Legal SurnameThe legal surname is missing"]);

      await page.getByLabel("Upload the register (CSV)").setInputFiles({ name: "register.csv", mimeType: "text/csv", buffer: register("Brown") });
      await page.getByRole("button", { name: "Check the file" }).click();
      await noViolations(page);
      expect(await page.textContent("main")).toMatch(/Pupils to add\s*3/);
      await page.getByRole("button", { name: "Confirm the import" }).click();
      expect(await page.getByRole("status").textContent()).toContain("3 pupils added, 0 updated, 0 left alone");
      await page.getByRole("link", { name: "Back to the SEN register" }).click();
      const main = await page.textContent("main");
      expect(main).toContain("Okafor");
      expect(main).toContain("Brown");
    } finally {
      await context.close();
    }
  });
});
