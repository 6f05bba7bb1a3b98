import { Hono } from "hono";
import { html } from "hono/html";
import * as v from "valibot";
import { entityId } from "../../schema/inputs";
import type { AppEnv } from "../app-env";
import { dayInWords } from "../calendar/day-words";
import { authorisePupil } from "../auth/authorise";
import { requireStaff } from "../auth/require-staff";
import { validate } from "../http/validate";
import { page, summaryList } from "../html";
import { subjectAccessExport } from "../records/subject-access";

const shown = (value: unknown) => (value === null || value === undefined ? "" : typeof value === "object" ? JSON.stringify(value) : String(value));

function rowList(rows: Record<string, unknown>[]) {
  if (!rows.length) return html`<p>None.</p>`;
  return html`${rows.map((row) => summaryList(Object.entries(row).map(([key, value]) => ({ key, value: shown(value) }))))}`;
}

/** Printable pages for staff (session cookie): the subject access export as a person reads it. */
export const subjectAccessPrintPages = new Hono<AppEnv>()
  .use(requireStaff())
  .get("/pupils/:id/export", validate("param", v.object({ id: entityId })), async (c) => {
    const pupil = await authorisePupil(c, c.req.valid("param").id, "exportRecord", "export");
    const record = await subjectAccessExport(c.var.db, pupil.id, new Date().toISOString());
    return c.html(
      page(
        { title: `Subject access export: ${pupil.givenName} ${pupil.familyName}`, script: null, print: true },
        html`<h1>Everything Stepwise holds about ${pupil.givenName} ${pupil.familyName}</h1>
<p>Exported ${dayInWords(record.exportedAt)}.</p>
<h2>Pupil</h2>
${rowList(record.pupil ? [record.pupil] : [])}
${Object.entries(record.sections).map(([section, rows]) => html`<h2>${section}</h2>${rowList(rows as Record<string, unknown>[])}`)}`,
      ),
    );
  });
