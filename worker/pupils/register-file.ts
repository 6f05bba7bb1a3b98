import Papa from "papaparse";
import * as v from "valibot";
import { isRealDate, upn } from "../../schema/rules";
import { senNeedTypes, senProvisionCodes, yearGroups, type SenNeedType, type SenProvisionCode, type YearGroup } from "../../schema/vocab";
import { needsPrimaryNeed } from "../workflow/census";

/**
 * A school's register as its MIS exports it (SIMS, Arbor, Bromcom, ScholarPack): one row a pupil, the census's
 * columns under each MIS's own spellings, and optionally the pupil's class teacher. Reading is pure: it says what
 * each good row holds and why each bad row is bad, by line and column, and stores nothing.
 */

export type RegisterColumn = "upn" | "familyName" | "givenName" | "dateOfBirth" | "yearGroup" | "provision" | "primaryNeed" | "secondaryNeed" | "teacher";

/** Header spellings, compared without case, spaces or punctuation. */
const spellings: Record<RegisterColumn, readonly string[]> = {
  upn: ["upn", "uniquepupilnumber", "pupilupn"],
  familyName: ["legalsurname", "surname", "lastname", "legallastname", "familyname"],
  givenName: ["legalforename", "forename", "forenames", "firstname", "legalfirstname", "givenname"],
  dateOfBirth: ["dob", "dateofbirth", "birthdate"],
  yearGroup: ["ncyear", "ncyearactual", "yeargroup", "year", "nationalcurriculumyear", "curriculumyear"],
  provision: ["senprovision", "senstatus", "senstage", "senprovisioncode", "sen"],
  primaryNeed: ["senneed1", "sentype1", "primaryneed", "primarysentype", "senprimaryneed", "needtype1", "sentyperank1", "primaryneedtype"],
  secondaryNeed: ["senneed2", "sentype2", "secondaryneed", "secondarysentype", "sensecondaryneed", "needtype2", "sentyperank2", "secondaryneedtype"],
  teacher: ["classteacher", "teacher", "teacheremail", "classteacheremail", "class", "regteacher", "tutor"],
};
const required: readonly RegisterColumn[] = ["upn", "familyName", "givenName", "dateOfBirth", "yearGroup"];

const columnWords: Record<RegisterColumn, string> = {
  upn: "UPN",
  familyName: "legal surname",
  givenName: "forename",
  dateOfBirth: "date of birth",
  yearGroup: "NC year",
  provision: "SEN provision",
  primaryNeed: "primary need",
  secondaryNeed: "secondary need",
  teacher: "class teacher",
};

const squash = (header: string) => header.toLowerCase().replace(/[^a-z0-9]/g, "");

export type RegisterRow = {
  line: number;
  upn: string;
  familyName: string;
  givenName: string;
  dateOfBirth: string;
  yearGroup: YearGroup;
  provision: SenProvisionCode;
  primaryNeed: SenNeedType | null;
  secondaryNeed: SenNeedType | null;
  /** As the file names them: a teacher's email or name, matched to the school's staff when the import is planned. */
  teacher: string | null;
};
export type RowProblem = { line: number; column: string; reason: string };
export type RegisterFile = { rows: RegisterRow[]; problems: RowProblem[] };

/** UK MIS exports write 14/06/2017; some write 2017-06-14. */
function readDate(text: string): string | null {
  const uk = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(text);
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  const date = uk ? `${uk[3]}-${uk[2]!.padStart(2, "0")}-${uk[1]!.padStart(2, "0")}` : iso ? text : null;
  return date && isRealDate(date) ? date : null;
}

/** "4", "Y4", "Year 4", "R", "Reception", "N1". */
function readYear(text: string): YearGroup | null {
  const plain = text
    .toUpperCase()
    .replace(/^(YEAR|YR|Y|NC)\s*/, "")
    .trim();
  const year = plain === "RECEPTION" ? "R" : plain;
  return (yearGroups as readonly string[]).includes(year) ? (year as YearGroup) : null;
}

const provisionWords: Record<string, SenProvisionCode> = {
  "": "N",
  NONE: "N",
  NOSEN: "N",
  SENSUPPORT: "K",
  EHCPLAN: "E",
  EHCP: "E",
  STATEMENT: "S",
  SCHOOLACTION: "A",
  SCHOOLACTIONPLUS: "P",
};
function readProvision(text: string): SenProvisionCode | null {
  const code = text.toUpperCase().replace(/[^A-Z]/g, "");
  if ((senProvisionCodes as readonly string[]).includes(code)) return code as SenProvisionCode;
  return provisionWords[code] ?? null;
}

const readNeed = (text: string): SenNeedType | null | undefined => {
  if (!text) return null;
  const code = text.toUpperCase().trim();
  return (senNeedTypes as readonly string[]).includes(code) ? (code as SenNeedType) : undefined;
};

/** At most this many pupils a file: a large secondary school's roll, well within one D1 batch of a few statements. */
export const maxRegisterRows = 5_000;

export function readRegisterFile(text: string): RegisterFile {
  const parsed = Papa.parse<string[]>(text.replace(/^\uFEFF/, ""), { skipEmptyLines: "greedy" });
  const [header, ...records] = parsed.data;
  if (!header) return { rows: [], problems: [{ line: 1, column: "(file)", reason: "The file is empty: export the register from your MIS as CSV" }] };
  const index = new Map<RegisterColumn, number>();
  const names = new Map<RegisterColumn, string>();
  header.forEach((cell, at) => {
    const column = (Object.keys(spellings) as RegisterColumn[]).find((key) => spellings[key].includes(squash(cell)));
    if (column && !index.has(column)) {
      index.set(column, at);
      names.set(column, cell.trim());
    }
  });
  const missing = required.filter((column) => !index.has(column));
  if (missing.length) {
    return {
      rows: [],
      problems: missing.map((column) => ({
        line: 1,
        column: columnWords[column],
        reason: `The first line has no ${columnWords[column]} column: export it from your MIS, or name the column "${spellings[column][0]}"`,
      })),
    };
  }
  if (records.length > maxRegisterRows)
    return {
      rows: [],
      problems: [{ line: maxRegisterRows + 2, column: "(file)", reason: `A file may hold at most ${maxRegisterRows} pupils: split it in two` }],
    };

  const rows: RegisterRow[] = [];
  const problems: RowProblem[] = [];
  const seen = new Map<string, number>();
  records.forEach((record, at) => {
    const line = at + 2;
    const cell = (column: RegisterColumn) => (index.has(column) ? (record[index.get(column)!] ?? "").trim() : "");
    const problem = (column: RegisterColumn, reason: string) => problems.push({ line, column: names.get(column) ?? columnWords[column], reason });
    const before = problems.length;

    const checkedUpn = v.safeParse(upn, cell("upn"));
    if (!checkedUpn.success) problem("upn", cell("upn") ? checkedUpn.issues[0].message : "The UPN is missing");
    else if (seen.has(checkedUpn.output)) problem("upn", `This UPN is also on line ${seen.get(checkedUpn.output)}: a pupil may be in the file once`);
    const familyName = cell("familyName");
    const givenName = cell("givenName");
    if (!familyName) problem("familyName", "The legal surname is missing");
    else if (familyName.length > 100) problem("familyName", "The legal surname is longer than 100 characters");
    if (!givenName) problem("givenName", "The forename is missing");
    else if (givenName.length > 100) problem("givenName", "The forename is longer than 100 characters");
    const dateOfBirth = readDate(cell("dateOfBirth"));
    if (!dateOfBirth)
      problem("dateOfBirth", cell("dateOfBirth") ? `"${cell("dateOfBirth")}" is not a real date: write it as 14/06/2017` : "The date of birth is missing");
    const yearGroup = readYear(cell("yearGroup"));
    if (!yearGroup)
      problem(
        "yearGroup",
        cell("yearGroup") ? `"${cell("yearGroup")}" is not a national curriculum year: write N1, N2, R or 1 to 14` : "The NC year is missing",
      );
    const provision = readProvision(cell("provision"));
    if (!provision) problem("provision", `"${cell("provision")}" is not a census SEN provision code: write N, K or E`);
    const primaryNeed = readNeed(cell("primaryNeed"));
    const secondaryNeed = readNeed(cell("secondaryNeed"));
    if (primaryNeed === undefined) problem("primaryNeed", `"${cell("primaryNeed")}" is not a census need type: write one of ${senNeedTypes.join(", ")}`);
    else if (!primaryNeed && provision && needsPrimaryNeed(provision))
      problem("primaryNeed", `A pupil with SEN provision ${provision} needs a primary need: the school census records one`);
    if (secondaryNeed === undefined) problem("secondaryNeed", `"${cell("secondaryNeed")}" is not a census need type: write one of ${senNeedTypes.join(", ")}`);

    if (problems.length > before || !checkedUpn.success || !dateOfBirth || !yearGroup || !provision || primaryNeed === undefined || secondaryNeed === undefined)
      return;
    seen.set(checkedUpn.output, line);
    rows.push({
      line,
      upn: checkedUpn.output,
      familyName,
      givenName,
      dateOfBirth,
      yearGroup,
      provision,
      primaryNeed,
      secondaryNeed,
      teacher: cell("teacher") || null,
    });
  });
  return { rows, problems };
}
