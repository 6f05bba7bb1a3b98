import type { ReadOptions } from "../../../schema/staff-forms/form-definition";

/**
 * Turns posted form fields into the input shape the valibot schemas check, the same way on the server and in the
 * browser. Names are the input's paths ("targets.0.methods"); a date is three fields ("dateOfBirth.day", ".month",
 * ".year"); a blank field is present but undefined (so its own "Enter ..." message applies); wholly blank rows are dropped, remembering where each kept row came from so
 * an error still points at the field the person typed in.
 */

export type RawFields = Record<string, string | string[]>;

export type ReadForm = {
  input: Record<string, unknown>;
  /** The id of the field to link an error to, for a valibot dot path of `input`. */
  fieldFor(path: string): string;
};

type Leaf = string | string[] | number | undefined;
type Tree = { [key: string]: Tree | Leaf };

const pad = (text: string, length: number) => text.padStart(length, "0");

function joinDate(parts: Tree): string | undefined {
  if ([parts.day, parts.month, parts.year].every((part) => part === undefined)) return undefined;
  const [day, month, year] = [parts.day, parts.month, parts.year].map((part) => (typeof part === "string" ? part.trim() : ""));
  if (!/^\d{1,2}$/.test(day ?? "") || !/^\d{1,2}$/.test(month ?? "") || !/^\d{4}$/.test(year ?? "")) return "not a date";
  return `${year}-${pad(month!, 2)}-${pad(day!, 2)}`;
}

/** Day, month and year fields of one date; an empty form is no date (it is a form whose every field is missing). */
const isDateGroup = (tree: Tree) => {
  const keys = Object.keys(tree);
  return keys.length > 0 && keys.every((key) => key === "day" || key === "month" || key === "year");
};

export function readFields(fields: RawFields, options: ReadOptions = {}): ReadForm {
  const root: Tree = {};
  for (const [name, raw] of Object.entries(fields)) {
    if (options.ignore?.includes(name)) continue;
    const isArray = options.arrays?.includes(name);
    const last = [raw].flat().at(-1) ?? "";
    const value = isArray ? [raw].flat().filter((item) => item.trim() !== "") : last.trim() === "" ? undefined : last;
    const typed = value !== undefined && options.numbers?.includes(name) && /^\d+$/.test(String(value)) ? Number(value) : value;
    const keys = name.split(".");
    let node = root;
    for (const key of keys.slice(0, -1)) node = (node[key] ??= {}) as Tree;
    node[keys.at(-1)!] = typed;
  }

  const blank = (value: unknown): boolean =>
    value === undefined || (typeof value === "object" && value !== null && !Array.isArray(value) && Object.values(value).every(blank));
  const moved = new Map<string, string>();
  const build = (tree: Tree, path: string): unknown => {
    if (isDateGroup(tree)) return joinDate(tree);
    const keys = Object.keys(tree);
    const numeric = keys.length > 0 && keys.every((key) => /^\d+$/.test(key));
    const convert = (key: string) => {
      const value = tree[key];
      return typeof value !== "object" || Array.isArray(value) ? value : build(value, path ? `${path}.${key}` : key);
    };
    if (!numeric) return Object.fromEntries(keys.map((key) => [key, convert(key)]));
    const ordered = keys
      .map(Number)
      .sort((a, b) => a - b)
      .filter((key) => !blank(tree[String(key)]));
    ordered.forEach((original, index) => moved.set(path ? `${path}.${index}` : String(index), path ? `${path}.${original}` : String(original)));
    return ordered.map((original) => convert(String(original)));
  };
  const input = build(root, "") as Record<string, unknown>;

  const dateGroups = new Set(
    Object.keys(fields)
      .filter((name) => name.endsWith(".day"))
      .map((name) => name.slice(0, -4)),
  );
  const fieldFor = (path: string) => {
    let original = "";
    for (const segment of path.split(".")) {
      const next = original ? `${original}.${segment}` : segment;
      original = moved.get(next) ?? next;
    }
    if (dateGroups.has(original)) return `${original}.day`;
    // A ticked box's value that is not one of the choices is the group's error: the boxes share one name, not an index.
    const [group, index] = [original.slice(0, original.lastIndexOf(".")), original.slice(original.lastIndexOf(".") + 1)];
    return options.arrays?.includes(group) && /^\d+$/.test(index) ? group : original;
  };
  return { input, fieldFor };
}
