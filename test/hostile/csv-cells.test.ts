import { describe, expect, it } from "vitest";
import { toCsv } from "../../worker/dashboards/csv";
import type { Column } from "../../worker/dashboards/table";

type Row = { name: string; note: string | null; count: number };
const columns: Column<Row>[] = [
  { key: "name", label: "Name" },
  { key: "note", label: "Note" },
  { key: "count", label: "Count", numeric: true },
];

/** How a spreadsheet reads a CSV file with `separator` as its list separator: RFC 4180 quoting, any separator. */
function readAs(csv: string, separator: "," | ";"): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < csv.length; i++) {
    const char = csv[i]!;
    if (quoted) {
      if (char === '"' && csv[i + 1] === '"') (cell += '"'), i++;
      else if (char === '"') quoted = false;
      else cell += char;
    } else if (char === '"' && cell === "") quoted = true;
    else if (char === separator) row.push(cell), (cell = "");
    else if (char === "\r" && csv[i + 1] === "\n") row.push(cell), rows.push(row), (row = []), (cell = ""), i++;
    else cell += char;
  }
  return rows;
}

describe("issue 16 finding: CSV cells containing ';' are not quoted", () => {
  const rows: Row[] = [
    { name: "Smith;=cmd|' /C calc'!A0", note: "line one\nline two", count: 3 },
    { name: 'Say "hello", then; go', note: "carriage\r\nreturn", count: 0 },
    { name: "=SUM(A1:A9)", note: "@cmd", count: 1 },
    { name: "-2+3", note: "\tTabbed", count: 2 },
    { name: "\rReturn first", note: null, count: 4 },
  ];
  const csv = toCsv(columns, rows);

  it("quotes a cell with ';', so a spreadsheet set to semicolons keeps it whole and runs nothing after it", () => {
    expect(csv).toContain(`"Smith;=cmd|' /C calc'!A0"`);
    const bySemicolon = readAs(csv, ";");
    // No ';' inside a cell splits it, so no cell a semicolon spreadsheet sees starts as a formula.
    expect(bySemicolon.flat().filter((cell) => /^[=+\-@\t\r]/.test(cell))).toEqual([]);
    expect(bySemicolon[1]![0]!.startsWith("Smith;=cmd|' /C calc'!A0")).toBe(true);
  });

  it("reads back every cell exactly, line breaks and doubled quotes included (RFC 4180)", () => {
    expect(readAs(csv, ",")).toEqual([
      ["Name", "Note", "Count"],
      ["Smith;=cmd|' /C calc'!A0", "line one\nline two", "3"],
      ['Say "hello", then; go', "carriage\r\nreturn", "0"],
      ["'=SUM(A1:A9)", "'@cmd", "1"],
      ["'-2+3", "'\tTabbed", "2"],
      ["'\rReturn first", "", "4"],
    ]);
    expect(csv.endsWith("\r\n")).toBe(true);
  });
});
