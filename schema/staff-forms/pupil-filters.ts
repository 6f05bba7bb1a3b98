import * as v from "valibot";
import { areasOfConcern, senNeedTypes, yearGroups } from "../vocab";

/**
 * The query of a list of pupils (issue 14, finding a pupil): a name or UPN, filters by stage, year group and need, and a
 * page either side of a cursor. A GET form sends an unchosen filter as "", which means no filter. The stages are the
 * list's own (one framework's, or every framework's in an LA), given by the caller: the schema imports nothing from worker/.
 */

/** "" (a filter left at "Any") is no filter; anything else must be one of the list's values. */
const choice = <const Options extends readonly [string, ...string[]]>(options: Options, message: string) =>
  v.optional(
    v.pipe(
      v.string(),
      v.transform((value) => (value === "" ? undefined : value)),
      v.optional(v.picklist(options, message)),
    ),
  );

const cursor = v.optional(v.pipe(v.string(), v.maxLength(1000, "The page link is not one Stepwise gave: go back to the first page")));

export const pupilFilterEntries = (stages: readonly [string, ...string[]]) => ({
  stage: choice(stages, "Select a stage from the list"),
  year: choice(yearGroups, "Select a year group from the list"),
  need: choice(senNeedTypes, "Select a primary need from the list"),
  after: cursor,
  before: cursor,
  limit: v.optional(
    v.pipe(
      v.string(),
      v.toNumber("The number of rows must be a whole number"),
      v.integer("The number of rows must be a whole number"),
      v.minValue(1, "The number of rows must be at least 1"),
      v.maxValue(1000, "The number of rows must be 1000 or fewer"),
    ),
  ),
  format: v.optional(v.picklist(["json", "csv"], "The format must be json or csv")),
});

/** The school's SEN register: its stages, year group, primary need. */
export const registerFilters = (stages: readonly [string, ...string[]]) => v.object(pupilFilterEntries(stages));

/** Finding any pupil of a school by name or UPN, with the register's filters. */
export const pupilSearch = (stages: readonly [string, ...string[]]) =>
  v.object({
    ...pupilFilterEntries(stages),
    q: v.optional(v.pipe(v.string(), v.trim(), v.maxLength(100, "The name or UPN must be 100 characters or fewer"))),
  });

/** An LA's list of pupils: a school of the LA, an area of need within it, and the register's filters. */
export const laPupilFilters = (stages: readonly [string, ...string[]]) =>
  v.object({
    ...pupilFilterEntries(stages),
    schoolId: v.optional(
      v.pipe(
        v.string(),
        v.transform((value) => (value === "" ? undefined : value)),
        v.optional(v.pipe(v.string(), v.uuid("Select a school from the list"))),
      ),
    ),
    area: choice(areasOfConcern, "Select an area of need from the list"),
  });

export type PupilFilters = { stage?: string | undefined; year?: (typeof yearGroups)[number] | undefined; need?: (typeof senNeedTypes)[number] | undefined };
