import { SELF } from "cloudflare:test";
import { expect } from "vitest";

/** Text only a validator writes, never a person: valibot's own messages, raw keys, unfilled templates. */
export const validatorText = /Invalid key|Invalid type|Invalid length|Expected|received|undefined|\[object|YYYY/;
/** The plain-English set: GOV.UK's openings ("Enter", "Select", ...) or a sentence about the field ("... must be ..."). */
export const plainEnglish =
  /^(Enter|Select|Choose|Give|Name|Say|Answer|Reload|Check|Keep|Use|This form|No pupil) |^[A-Z][^.]* (must|is|are|has|do not|cannot|could not|can|may) /;
/** A field key as code spells it (escalateToLaAfterDays), which no person reads. */
const camelCase = /\b[a-z]+[A-Z][A-Za-z]*\b/;

export const sessionCookie = (staff: { token: string }) => `__Host-stepwise_session=${staff.token}`;

export type Posted = Record<string, string | string[]>;

/** A form post as a browser without JavaScript makes it: ticked boxes repeat their name, redirects not followed. */
export async function post(path: string, fields: Posted, cookie?: string) {
  const body = new URLSearchParams();
  for (const [name, value] of Object.entries(fields)) for (const one of [value].flat()) body.append(name, one);
  const response = await SELF.fetch(`https://stepwise.test${path}`, { method: "POST", headers: cookie ? { Cookie: cookie } : {}, body, redirect: "manual" });
  return { status: response.status, text: await response.text() };
}

const unescaped = (text: string) =>
  text
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");

/** The error summary's links on a re-rendered page: the field each names and its message. */
export function summaryOf(text: string): { field: string; message: string }[] {
  const list = /<ul class="error-summary__list">([\s\S]*?)<\/ul>/.exec(text)?.[1] ?? "";
  return [...list.matchAll(/<li><a href="#([^"]*)">([^<]*)<\/a><\/li>/g)].map((match) => ({ field: unescaped(match[1]!), message: unescaped(match[2]!) }));
}

/**
 * Posts `fields` to a form route and reads the page that comes back: 422, "Error: " in the title, an error summary
 * naming exactly the fields `named` in plain English, each link reaching a field on the page (but those `withoutField`,
 * a choice of none, as when a school has no pupils to tick), and what was typed kept.
 */
export async function expectRefusedPage(
  path: string,
  cookie: string | undefined,
  fields: Posted,
  named: string[],
  kept: string[] = [],
  withoutField: string[] = [],
) {
  const answer = await post(path, fields, cookie);
  const label = `${path} ${JSON.stringify(fields).slice(0, 120)}`;
  expect(answer.status, `${label}: ${answer.text.slice(0, 300)}`).toBe(422);
  expect(answer.text, label).toMatch(/<title>Error: /);
  const summary = summaryOf(answer.text);
  expect(summary.map((error) => error.field).sort(), label).toEqual([...named].sort());
  for (const { field, message } of summary) {
    expect(message, label).not.toMatch(validatorText);
    expect(message, label).not.toMatch(camelCase);
    expect(message, label).toMatch(plainEnglish);
    expect(message, `${label}: a label read into a sentence starts lower-case`).not.toMatch(/^(Enter|Select|Choose|Give|Say) [A-Z][a-z]/);
    if (!withoutField.includes(field)) expect(answer.text, `${label}: the summary's link to #${field} reaches a field`).toContain(`id="${field}"`);
  }
  expect(unescaped(answer.text).match(validatorText), label).toBeNull();
  for (const typed of kept) expect(unescaped(answer.text), `${label} keeps ${typed}`).toMatch(new RegExp(`value="${typed}"|>${typed}<|>\\s*${typed}\\s*<`));
  return answer.text;
}
