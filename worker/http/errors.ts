import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import * as v from "valibot";

export type FieldError = { field: string; message: string };

/** The one error the API throws on purpose: a stable code, a message for people, and the fields at fault. */
export class ApiError extends HTTPException {
  constructor(
    status: ContentfulStatusCode,
    readonly code: string,
    message: string,
    readonly fields: FieldError[] = [],
    readonly details: Record<string, unknown> = {},
  ) {
    super(status, { message });
  }
}

export const notFound = (what: string) => new ApiError(404, "not_found", `${what} not found`);

/** Valibot issues as field paths ("targets.2.frequency") with their messages. */
export function fieldErrors(issues: readonly v.BaseIssue<unknown>[]): FieldError[] {
  return issues.map((issue) => ({
    field: v.getDotPath(issue) ?? (issue.path?.length ? issue.path.map((p) => String(p.key)).join(".") : "(body)"),
    message: issue.message,
  }));
}

export function errorBody(code: string, message: string, fields: FieldError[] = [], details: Record<string, unknown> = {}) {
  return { error: { code, message, fields, ...details } };
}

/** app.onError: known errors keep their status and code; anything else is a 500 that names no internals. */
export function renderError(err: Error, c: Context) {
  if (err instanceof ApiError) {
    return c.json(errorBody(err.code, err.message, err.fields, err.details), err.status);
  }
  if (err instanceof HTTPException) {
    const status = err.status;
    const code = status === 413 ? "body_too_large" : status === 400 ? "malformed_request" : `http_${status}`;
    return c.json(errorBody(code, err.message || "Request refused"), status);
  }
  console.error("unhandled error", err);
  return c.json(errorBody("internal_error", "Something went wrong; nothing was changed."), 500);
}
