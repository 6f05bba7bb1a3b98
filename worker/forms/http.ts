import type { Context, HonoRequest } from "hono";
import { isWebOrigin } from "../../schema/rules";
import { ApiError } from "../http/errors";
import { allowFramingBy } from "../http/security-headers";
import type { RawFields } from "./shared/read-fields";

const formTypes = /^(application\/x-www-form-urlencoded|multipart\/form-data)\s*(;|$)/i;

/**
 * The posted body read as a form. A body sent as anything else is refused with 415, never read as an empty form (Hono
 * would); one that claims to be a form and is not (multipart without a boundary, say) is a 400, not a 500.
 */
function parsedForm(request: HonoRequest) {
  if (!formTypes.test(request.header("content-type") ?? "")) {
    throw new ApiError(415, "unsupported_media_type", "Send the form as application/x-www-form-urlencoded or multipart/form-data", [
      { field: "(body)", message: "Not a form" },
    ]);
  }
  return request.parseBody({ all: true }).catch(() => {
    throw new ApiError(400, "malformed_form", "The form could not be read: send it as application/x-www-form-urlencoded or multipart/form-data", [
      { field: "(body)", message: "Not a readable form" },
    ]);
  });
}

/** A posted form's text fields (files are never expected and are dropped). */
export async function postedFields(request: HonoRequest): Promise<RawFields> {
  const body = await parsedForm(request);
  const fields: RawFields = {};
  for (const [name, value] of Object.entries(body)) {
    const texts = [value].flat().filter((item): item is string => typeof item === "string");
    if (texts.length) fields[name] = texts.length === 1 ? texts[0]! : texts;
  }
  return fields;
}

/** Form fields as strings, the first of any repeated one; a body that is not a form is a 400. */
export async function formFields(request: HonoRequest): Promise<Record<string, string>> {
  return Object.fromEntries(Object.entries(await postedFields(request)).map(([name, value]) => [name, [value].flat()[0] ?? ""]));
}

/**
 * Pages load only this origin's script, style and images, post only here, and may be framed only by the origins given
 * (a school's registered websites, for its concern form); with none, by no one, Stepwise itself included.
 */
export function setPageHeaders(c: Context, frameOrigins: readonly string[] = []) {
  // Only valid origins reach the header (the rule the admin's input is checked by), so a stored value never widens it.
  const allowed = frameOrigins.filter(isWebOrigin);
  const ancestors = allowed.length ? allowed.join(" ") : "'none'";
  // securityHeaders() keeps this policy, and sends X-Frame-Options: DENY only when no origin may frame the page.
  allowFramingBy(c, allowed);
  c.header(
    "Content-Security-Policy",
    `default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors ${ancestors}`,
  );
  c.header("Cache-Control", "no-store");
  c.header("Referrer-Policy", "no-referrer");
  c.header("X-Content-Type-Options", "nosniff");
}

/** The text of an uploaded file (or, once previewed, of the same file posted back as a field); null if neither came. */
export async function postedText(request: HonoRequest, fileField: string, textField: string): Promise<string | null> {
  const body = await parsedForm(request);
  const file = [body[fileField]].flat()[0];
  if (file instanceof File && file.size > 0) return file.text();
  const text = [body[textField]].flat()[0];
  return typeof text === "string" && text.trim() ? text : null;
}
