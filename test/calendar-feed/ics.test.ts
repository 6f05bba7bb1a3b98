import { describe, expect, it } from "vitest";
import { escapeText, foldLine, writeCalendar } from "../../worker/calendar-feed/ics";

const octets = (line: string) => new TextEncoder().encode(line).length;

describe("the iCalendar writer (RFC 5545)", () => {
  it("escapes backslashes, semicolons, commas and line breaks in text", () => {
    expect(escapeText("Review; targets 1, 2\\3\nnext line\r\nthird")).toBe("Review\\; targets 1\\, 2\\\\3\\nnext line\\nthird");
  });

  it("folds long lines at 75 octets with a leading space, never splitting a character, and unfolds to the original", () => {
    const line = `SUMMARY:${"Siân’s review – é".repeat(12)}`;
    const folded = foldLine(line);
    const lines = folded.split("\r\n");
    expect(lines.length).toBeGreaterThan(2);
    for (const [i, part] of lines.entries()) {
      expect(octets(part)).toBeLessThanOrEqual(75);
      if (i > 0) expect(part.startsWith(" ")).toBe(true);
    }
    expect(folded.replace(/\r\n /g, "")).toBe(line);
    expect(foldLine("SHORT:line")).toBe("SHORT:line");
  });

  it("writes a calendar with CRLF line ends, and every event has a UID, a DTSTAMP and an all-day date", () => {
    const text = writeCalendar(
      "Stepwise: Ms Senco",
      [{ uid: "c1@stepwise", date: "2026-12-31", summary: "Plan review date: Sam E.", description: "Due, with a comma" }],
      "2026-11-24T09:05:07.123Z",
    );
    expect(text.endsWith("\r\n")).toBe(true);
    expect(text.replace(/\r\n/g, "")).not.toMatch(/[\r\n]/);
    expect(text.split("\r\n")).toEqual([
      "BEGIN:VCALENDAR",
      "VERSION:2.0",
      "PRODID:-//Stepwise//Review dates and deadlines//EN",
      "CALSCALE:GREGORIAN",
      "METHOD:PUBLISH",
      "X-WR-CALNAME:Stepwise: Ms Senco",
      "BEGIN:VEVENT",
      "UID:c1@stepwise",
      "DTSTAMP:20261124T090507Z",
      "DTSTART;VALUE=DATE:20261231",
      "DTEND;VALUE=DATE:20270101",
      "SUMMARY:Plan review date: Sam E.",
      "DESCRIPTION:Due\\, with a comma",
      "TRANSP:TRANSPARENT",
      "END:VEVENT",
      "END:VCALENDAR",
      "",
    ]);
  });
});
