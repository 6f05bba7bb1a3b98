import { describe, expect, it } from "vitest";
import { sessionCookie } from "./forms/form-pages";
import { api, page, schoolWithPupil } from "./support/world";

describe("a staff address that does not exist, or a pupil not visible, is a page with the staff header", () => {
  it.each(["/forms/no-such-page", "/forms/pupils", "/staff/no-such-page", "/staff/schools", "/print/no-such-page", "/dashboard/no-such-page"])(
    "%s answers an HTML 404 page naming the person signed in",
    async (path) => {
      const { senco } = await schoolWithPupil("england2014");
      const shown = await page(path, { cookie: sessionCookie(senco) });
      expect(shown.status).toBe(404);
      expect(shown.headers.get("Content-Type")).toMatch(/^text\/html/);
      expect(shown.text).toContain("<h1>Page not found</h1>");
      expect(shown.text).toContain('class="header header--staff"');
      expect(shown.text).toContain(`<span class="header__name">${senco.name}</span>`);
      expect(shown.text).not.toContain('"not_found"');
    },
  );

  it("another school's pupil is a 404 page with the staff header, saying nothing about the pupil", async () => {
    const mine = await schoolWithPupil("england2014");
    const theirs = await schoolWithPupil("england2014");
    for (const path of [`/forms/pupils/${theirs.pupil.id}`, `/forms/pupils/${theirs.pupil.id}/plan`, `/forms/pupils/${crypto.randomUUID()}`]) {
      const shown = await page(path, { cookie: sessionCookie(mine.senco) });
      expect(shown.status, path).toBe(404);
      expect(shown.headers.get("Content-Type")).toMatch(/^text\/html/);
      expect(shown.text).toContain("<h1>Page not found</h1>");
      expect(shown.text).toContain('class="header header--staff"');
      expect(shown.text).not.toContain("Sam Example");
    }
  });

  it("signed out, the same address is a page too, with no one's name", async () => {
    const shown = await page("/staff/no-such-page");
    expect(shown.status).toBe(404);
    expect(shown.text).toContain("<h1>Page not found</h1>");
    expect(shown.text).not.toContain("header--staff");
  });

  it("the JSON API keeps answering JSON", async () => {
    const { senco } = await schoolWithPupil("england2014");
    const missing = await api("/api/no-such-route", { headers: senco.headers });
    expect(missing.status).toBe(404);
    expect(missing.json.error.code).toBe("not_found");
  });
});
