import { html } from "hono/html";
import type { pupils, schools } from "../../../schema/tables";
import type { YearGroup } from "../../../schema/vocab";
import { frameworkFor } from "../../workflow/frameworks";
import { dayInWords } from "../../calendar/day-words";
import { yearGroupLabel } from "../labels";

export type PupilRecord = { pupil: typeof pupils.$inferSelect; school: typeof schools.$inferSelect };

export const pupilName = ({ pupil }: PupilRecord) => `${pupil.givenName} ${pupil.familyName}`;
export const stageLabel = ({ pupil }: PupilRecord, stage = pupil.stage) => frameworkFor(pupil.framework).stages[stage]?.label ?? stage;

/**
 * The heading block every seed form starts with: name, date of birth, year group, school, unique pupil number, stage;
 * on screen, with the way back to the pupil's page (unless this is it).
 */
export function pupilSummary(record: PupilRecord, { linkToFile = true } = {}) {
  const { pupil, school } = record;
  return html`<dl class="summary-list">
  <dt>Name of pupil</dt><dd>${pupilName(record)}</dd>
  <dt>Date of birth</dt><dd>${dayInWords(pupil.dateOfBirth)}</dd>
  <dt>Year group</dt><dd>${yearGroupLabel(pupil.yearGroup as YearGroup)}</dd>
  <dt>School</dt><dd>${school.name}</dd>
  <dt>Unique pupil number</dt><dd>${pupil.upn}</dd>
  <dt>Stage</dt><dd data-stage="${pupil.stage}">${stageLabel(record)}</dd>
</dl>${linkToFile ? html`<p class="no-print"><a href="/forms/pupils/${pupil.id}">${pupilName(record)}'s record</a></p>` : ""}`;
}
