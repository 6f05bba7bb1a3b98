import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashPassword } from "../../worker/auth/password";
import { launchChromium, startWorker, type LocalWorker } from "./support/local";

let worker: LocalWorker;
beforeAll(async () => {
  worker = await startWorker();
});
afterAll(async () => {
  await worker?.stop();
});

describe("the deployed shape", () => {
  it("static files carry the same security headers as the Worker's answers", async () => {
    for (const path of ["/", "/css/stepwise.css", "/staff/sign-in"]) {
      const response = await fetch(new URL(path, worker.url));
      expect([path, response.status]).toEqual([path, 200]);
      expect(response.headers.get("Content-Security-Policy")).toContain("frame-ancestors 'none'");
      expect(response.headers.get("Strict-Transport-Security")).toMatch(/max-age=/);
      expect(response.headers.get("X-Content-Type-Options")).toBe("nosniff");
      expect(response.headers.get("Referrer-Policy")).toBe("no-referrer");
      // Static files hold no record: Workers' default caching, revalidated on every use (README, "Headers").
      const caching = path === "/staff/sign-in" ? "no-store" : "public, max-age=0, must-revalidate";
      expect([path, response.headers.get("Cache-Control")]).toEqual([path, caching]);
    }
  });

  it("a member of staff signs in and out in a browser with JavaScript turned off", async () => {
    const { hash, salt } = await hashPassword("correct horse battery staple");
    await worker.db
      .prepare("INSERT INTO staff_users (id, email, name, role, password_hash, password_salt) VALUES (?, ?, ?, 'admin', ?, ?)")
      .bind(crypto.randomUUID(), "e2e.admin@example.test", "E2E Admin", hash, salt)
      .run();
    const browser = await launchChromium();
    try {
      // The session cookie is Secure; Chromium keeps Secure cookies for http://127.0.0.1 as a trustworthy origin.
      const context = await browser.newContext({ javaScriptEnabled: false });
      const page = await context.newPage();
      await page.goto(new URL("/staff/sign-in", worker.url).href);
      await page.getByLabel("Email address").fill("e2e.admin@example.test");
      await page.getByLabel("Password").fill("wrong password");
      await page.getByRole("button", { name: "Sign in" }).click();
      expect(await page.title()).toMatch(/^Error: Sign in/);
      expect(await page.getByLabel("Email address").inputValue()).toBe("e2e.admin@example.test");
      expect(await page.getByLabel("Password").inputValue()).toBe("");
      await page.getByLabel("Password").fill("correct horse battery staple");
      await page.getByRole("button", { name: "Sign in" }).click();
      await page.waitForURL(/\/staff$/);
      expect(await page.textContent("main")).toContain("E2E Admin");
      await page.getByRole("button", { name: "Sign out" }).click();
      await page.waitForURL(/\/staff\/sign-in$/);
      await page.goto(new URL("/staff", worker.url).href);
      expect(page.url()).toMatch(/\/staff\/sign-in$/);
    } finally {
      await browser.close();
    }
  });
});
