import { XMLBuilder, XMLParser, XMLValidator } from "fast-xml-parser";
import { senNeedTypes, senProvisionCodes, type SenNeedType, type SenProvisionCode } from "../../schema/vocab";

/**
 * The DfE Common Transfer File as Stepwise writes and reads it (issue 18): the header and, for one pupil, the SEN
 * elements. The version written, and which parts of the specification could and could not be checked, are in the
 * README ("Common Transfer File").
 */
export const ctfVersion = "25.0";

/**
 * The elements Stepwise writes, each parent's children in the order the specification lists them. The reader checks
 * these orders too; a file from an MIS carries many more elements (addresses, attendance, assessments), which are
 * skipped, not refused.
 */
export const ctfStructure = {
  CTfile: ["Header", "CTFpupilData"],
  Header: ["DocumentName", "CTFversion", "DateTime", "DocumentQualifier", "SupplierID", "SourceSchool", "DestSchool"],
  SourceSchool: ["LEA", "Estab", "URN", "SchoolName", "AcademicYear"],
  DestSchool: ["LEA", "Estab", "URN"],
  CTFpupilData: ["Pupil"],
  Pupil: ["UPN", "Surname", "Forename", "DOB", "NCyearActual", "SENhistory"],
  SENhistory: ["SEN", "SENneeds"],
  SEN: ["StartDate", "SENprovision"],
  SENneeds: ["SENneed"],
  SENneed: ["SENtypeRank", "SENtype"],
} as const satisfies Record<string, readonly string[]>;

/** A file larger than this is not one pupil's CTF: refused before it is parsed. */
export const ctfMaxBytes = 1_000_000;

export type CtfSchool = { laCode: string; urn: string; name?: string; academicYear?: string };
export type CtfNeed = { rank: number; type: SenNeedType };
export type CtfSenEntry = { startDate: string; provision: SenProvisionCode };
export type CtfPupil = {
  upn: string;
  surname: string;
  forename: string;
  dateOfBirth: string;
  yearGroup: string | null;
  needs: CtfNeed[];
  /** Oldest first; the last entry is the pupil's SEN provision now. */
  history: CtfSenEntry[];
};
export type CtfFile = { version: string; writtenAt: string; source: CtfSchool; destination: CtfSchool | null; pupil: CtfPupil };

/** The school year a day falls in, as the CTF's AcademicYear names it: the calendar year the school year began. */
export const academicYearOf = (date: string) => String(Number(date.slice(0, 4)) - (Number(date.slice(5, 7)) < 9 ? 1 : 0));

const school = (s: CtfSchool, withName: boolean) => ({
  LEA: s.laCode,
  URN: s.urn,
  ...(withName && s.name ? { SchoolName: s.name } : {}),
  ...(withName && s.academicYear ? { AcademicYear: s.academicYear } : {}),
});

/** The file, its elements in the specification's order (the builder keeps the order of the object it is given). */
export function writeCtf(file: CtfFile): string {
  const { pupil } = file;
  const document = {
    CTfile: {
      Header: {
        DocumentName: "Common Transfer File",
        CTFversion: file.version,
        DateTime: file.writtenAt.slice(0, 19),
        // A Stepwise file carries the SEN elements only, not the whole record an MIS keeps: a partial transfer.
        DocumentQualifier: "partial",
        SupplierID: "Stepwise",
        SourceSchool: school(file.source, true),
        ...(file.destination ? { DestSchool: school(file.destination, false) } : {}),
      },
      CTFpupilData: {
        Pupil: {
          UPN: pupil.upn,
          Surname: pupil.surname,
          Forename: pupil.forename,
          DOB: pupil.dateOfBirth,
          ...(pupil.yearGroup ? { NCyearActual: pupil.yearGroup } : {}),
          SENhistory: {
            SEN: pupil.history.map((entry) => ({ StartDate: entry.startDate, SENprovision: entry.provision })),
            ...(pupil.needs.length ? { SENneeds: { SENneed: pupil.needs.map((need) => ({ SENtypeRank: need.rank, SENtype: need.type })) } } : {}),
          },
        },
      },
    },
  };
  const builder = new XMLBuilder({ format: true, indentBy: "  ", suppressEmptyNode: true });
  return `<?xml version="1.0" encoding="UTF-8"?>\n${builder.build(document)}`;
}

export type CtfReadResult = { ok: true; file: CtfFile } | { ok: false; reason: string };

type Ordered = Record<string, unknown>;
const refuse = (reason: string): CtfReadResult => ({ ok: false, reason });

/** An ordered node's element name (fast-xml-parser's preserveOrder form: { name: children, ":@"?: attributes }). */
const nameOf = (node: Ordered) => Object.keys(node).find((key) => key !== ":@" && key !== "#text" && key !== "?xml");
const childrenOf = (node: Ordered): Ordered[] => {
  const name = nameOf(node);
  const children = name ? node[name] : [];
  return Array.isArray(children) ? children.filter((child): child is Ordered => typeof child === "object" && child !== null) : [];
};
const textOf = (node: Ordered | undefined) =>
  node
    ? childrenOf(node)
        .map((child) => (typeof child["#text"] === "string" || typeof child["#text"] === "number" ? String(child["#text"]) : ""))
        .join("")
        .trim()
    : "";
const child = (node: Ordered, name: string) => childrenOf(node).find((c) => nameOf(c) === name);
const all = (node: Ordered | undefined, name: string) => (node ? childrenOf(node).filter((c) => nameOf(c) === name) : []);

/** Where the known children of an element are out of the specification's order, the first one that is. */
function outOfOrder(node: Ordered, path: string): string | null {
  const name = nameOf(node);
  if (!name) return null;
  const order: readonly string[] | undefined = name in ctfStructure ? ctfStructure[name as keyof typeof ctfStructure] : undefined;
  let last = -1;
  for (const c of childrenOf(node)) {
    const childName = nameOf(c);
    if (!childName) continue;
    if (order) {
      const at = order.indexOf(childName);
      if (at !== -1 && at < last) return `${path}/${childName} comes after ${order[last]}, but the specification puts it before`;
      if (at !== -1) last = at;
    }
    if (childName in ctfStructure) {
      const inner = outOfOrder(c, `${path}/${childName}`);
      if (inner) return inner;
    }
  }
  return null;
}

const isDate = (text: string) => /^\d{4}-\d{2}-\d{2}$/.test(text) && !Number.isNaN(Date.parse(`${text}T00:00:00Z`));
const isProvision = (code: string): code is SenProvisionCode => (senProvisionCodes as readonly string[]).includes(code);
const isNeedType = (code: string): code is SenNeedType => (senNeedTypes as readonly string[]).includes(code);

/**
 * Reads a CTF of one pupil, or says in a sentence why not. A document type declaration (where entities are declared,
 * the way of billion-laughs and external-entity attacks) is refused before parsing, as is a file over ctfMaxBytes.
 */
export function readCtf(xml: string): CtfReadResult {
  if (new TextEncoder().encode(xml).byteLength > ctfMaxBytes)
    return refuse("The file is larger than 1 MB: a Common Transfer File for one pupil is far smaller");
  if (/<!DOCTYPE|<!ENTITY/i.test(xml)) return refuse("The file declares a document type or entities, which a Common Transfer File never does");
  const valid = XMLValidator.validate(xml);
  if (valid !== true) return refuse(`The file is not well-formed XML (line ${valid.err.line}: ${valid.err.msg})`);
  const parsed: unknown = new XMLParser({ preserveOrder: true, ignoreAttributes: true, parseTagValue: false, trimValues: true, processEntities: true }).parse(
    xml,
  );
  const nodes = Array.isArray(parsed) ? parsed.filter((n): n is Ordered => typeof n === "object" && n !== null && nameOf(n) !== undefined) : [];
  const [root] = nodes;
  if (!root || nodes.length !== 1 || nameOf(root) !== "CTfile") return refuse("This is not a Common Transfer File: its outermost element must be CTfile");
  const misplaced = outOfOrder(root, "CTfile");
  if (misplaced) return refuse(`The file's elements are not in the order of the CTF specification: ${misplaced}`);

  const header = child(root, "Header");
  if (!header) return refuse("The file has no Header");
  const version = textOf(child(header, "CTFversion"));
  if (!version) return refuse("The Header has no CTFversion");
  const schoolOf = (node: Ordered | undefined): CtfSchool | null =>
    node
      ? {
          laCode: textOf(child(node, "LEA")),
          urn: textOf(child(node, "URN")),
          name: textOf(child(node, "SchoolName")),
          academicYear: textOf(child(node, "AcademicYear")),
        }
      : null;
  const source = schoolOf(child(header, "SourceSchool"));
  if (!source) return refuse("The Header has no SourceSchool: the file does not say which school wrote it");

  const pupils = all(child(root, "CTFpupilData"), "Pupil");
  if (pupils.length !== 1)
    return refuse(pupils.length ? `The file holds ${pupils.length} pupils: upload the file of the one pupil joining your school` : "The file holds no pupil");
  const [pupilNode] = pupils;
  if (!pupilNode) return refuse("The file holds no pupil");
  const field = (name: string) => textOf(child(pupilNode, name));
  // An MIS may put the year group in BasicDetails; Stepwise writes it beside the pupil's names.
  const yearGroup = field("NCyearActual") || textOf(child(child(pupilNode, "BasicDetails") ?? {}, "NCyearActual")) || null;

  const senHistory = child(pupilNode, "SENhistory");
  const history: CtfSenEntry[] = [];
  for (const entry of all(senHistory, "SEN")) {
    const startDate = textOf(child(entry, "StartDate"));
    const provision = textOf(child(entry, "SENprovision"));
    if (!isDate(startDate)) return refuse(`An SEN entry's StartDate "${startDate}" is not a date written as YYYY-MM-DD`);
    if (!isProvision(provision)) return refuse(`"${provision}" is not an SEN provision code (N, K, E, or the historical A, P, S)`);
    history.push({ startDate, provision });
  }
  history.sort((a, b) => a.startDate.localeCompare(b.startDate));
  const needs: CtfNeed[] = [];
  for (const need of all(child(senHistory ?? {}, "SENneeds"), "SENneed")) {
    const rank = Number(textOf(child(need, "SENtypeRank")));
    const type = textOf(child(need, "SENtype"));
    if (!Number.isInteger(rank) || rank < 1)
      return refuse(`An SEN need's SENtypeRank "${textOf(child(need, "SENtypeRank"))}" is not a rank (1 for the primary need, 2 for the secondary)`);
    if (!isNeedType(type)) return refuse(`"${type}" is not a census SEN need type (SPLD, MLD, SLD, PMLD, SEMH, SLCN, HI, VI, MSI, PD, ASD, OTH or NSA)`);
    needs.push({ rank, type });
  }
  needs.sort((a, b) => a.rank - b.rank);
  return {
    ok: true,
    file: {
      version,
      writtenAt: textOf(child(header, "DateTime")),
      source,
      destination: schoolOf(child(header, "DestSchool")),
      pupil: { upn: field("UPN"), surname: field("Surname"), forename: field("Forename"), dateOfBirth: field("DOB"), yearGroup, needs, history },
    },
  };
}
