import { raw } from "hono/html";
import type { HtmlEscapedString } from "hono/utils/html";
import { errorMessageMarkup, errorSummaryMarkup, type FieldError } from "./error-markup";

export { errorId, hintId, type FieldError } from "./error-markup";
export type Html = HtmlEscapedString | Promise<HtmlEscapedString>;

/** The error summary for a page: error-markup.ts escapes every field and message. */
export const errorSummary = (errors: readonly FieldError[]): Html | "" => (errors.length ? raw(errorSummaryMarkup(errors)) : "");

/** A field's error message with its hidden "Error:" prefix. */
export const errorMessage = (id: string, message: string | undefined): Html | "" => (message ? raw(errorMessageMarkup(id, message)) : "");
