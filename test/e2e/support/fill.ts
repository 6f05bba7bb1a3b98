import type { Locator, Page } from "playwright-core";

/** Day, month and year boxes of a date field, as the HTML kit names them (`reviewDate.day`, ...). */
const datePart = /^(.+)\.(day|month|year)$/;

async function typeDate(form: Locator, field: string, date: Date) {
  await form.locator(`input[name="${field}.day"]`).fill(String(date.getUTCDate()));
  await form.locator(`input[name="${field}.month"]`).fill(String(date.getUTCMonth() + 1));
  await form.locator(`input[name="${field}.year"]`).fill(String(date.getUTCFullYear()));
}

/**
 * Fills in, by typing, clicking and choosing, every field of a form left empty, the way a person in a hurry would:
 * words in each box, today in each date, the first choice of each group not yet chosen, and `decision` as the radio
 * whose value is the decision. Nothing is read from the form's definition: only what the page shows.
 */
export async function fillEveryField(form: Locator, decision: string, words: string) {
  const radio = form.locator(`input[type=radio][value="${decision}"]`);
  if (await radio.count()) await radio.check();
  const dates = new Set<string>();
  const groups = new Set<string>();
  for (const field of await form.locator("input:visible, textarea:visible, select:visible").all()) {
    const [tag, type, name] = await field.evaluate((element) => [
      element.tagName.toLowerCase(),
      element.getAttribute("type") ?? "",
      element.getAttribute("name") ?? "",
    ]);
    const date = datePart.exec(name);
    if (date) {
      if (!(await field.inputValue())) dates.add(date[1]!);
    } else if (type === "radio" || type === "checkbox") {
      if (groups.has(name)) continue;
      groups.add(name);
      const group = form.locator(`input[name="${name}"]`);
      if (!(await form.locator(`input[name="${name}"]:checked`).count())) await group.first().check();
    } else if (tag === "select") {
      if (!(await field.inputValue())) {
        const first = await field.locator("option").evaluateAll((options) => options.map((option) => option.getAttribute("value") ?? "").find(Boolean));
        if (first) await field.selectOption(first);
      }
    } else if (!(await field.inputValue())) {
      await field.fill(type === "number" ? "1" : type === "email" ? "walk@school.test" : type === "tel" ? "0151 000 0000" : words);
    }
  }
  for (const field of dates) await typeDate(form, field, new Date());
}

/** The form on the page that records the decision: the one with its radio, or where the form is the decision (a Record of Concern raised), the page's form. */
export async function formWithDecision(page: Page, decision: string): Promise<Locator> {
  const withRadio = page.locator("form").filter({ has: page.locator(`input[type=radio][value="${decision}"]`) });
  return (await withRadio.count()) ? withRadio : page.locator("main form[method=post]").last();
}

/** Sends the form and waits for what follows: the page saved, or errors (a 422 page, or the page's script's summary). */
async function send(page: Page, form: Locator, savedUrl: RegExp) {
  await page.locator("[data-error-summary], .error-summary").evaluateAll((summaries) => summaries.forEach((summary) => summary.remove()));
  await form.locator("button[type=submit]").last().click();
  await Promise.race([page.waitForURL(savedUrl), page.locator(".error-summary, [data-error-summary]").first().waitFor()]);
  await page.waitForLoadState();
}

/**
 * Saves a form filled by `fillEveryField`. A date that must lie ahead (a date for review) is refused when it is today:
 * those dates, and only those, are typed again two months on and the form sent once more. Returns the errors left.
 */
export async function saveForm(page: Page, decision: string, savedUrl: RegExp): Promise<string[]> {
  await send(page, await formWithDecision(page, decision), savedUrl);
  if (savedUrl.test(page.url())) return [];
  const errors = await page
    .locator(".error-summary a")
    .evaluateAll((links) => links.map((link) => [link.getAttribute("href") ?? "", link.textContent ?? ""] as const));
  const form = await formWithDecision(page, decision);
  const later = new Date(Date.now() + 60 * 86_400_000);
  let retyped = false;
  for (const field of new Set(errors.map(([href]) => datePart.exec(href.slice(1))?.[1] ?? href.slice(1)))) {
    if (field && (await form.locator(`input[name="${field}.day"]`).count())) {
      await typeDate(form, field, later);
      retyped = true;
    }
  }
  if (!retyped) return errors.map(([, text]) => text);
  await send(page, form, savedUrl);
  return savedUrl.test(page.url()) ? [] : page.locator(".error-summary a").allTextContents();
}
