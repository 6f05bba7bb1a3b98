/**
 * A small RFC 5545 writer for all-day events: CRLF line ends, TEXT escaping (3.3.11), lines folded at 75 octets
 * without splitting a UTF-8 character (3.1), and the UID and DTSTAMP every VEVENT must carry (3.6.1).
 */
export type AllDayEvent = { uid: string; date: string; summary: string; description: string };

const encoder = new TextEncoder();

/** Backslash, semicolon and comma are escaped; a line break becomes \n. */
export function escapeText(text: string): string {
  return text
    .replace(/\\/g, "\\\\")
    .replace(/;/g, "\\;")
    .replace(/,/g, "\\,")
    .replace(/\r\n|\r|\n/g, "\\n");
}

/** Splits a content line into lines of at most 75 octets; each continuation starts with one space (which counts). */
export function foldLine(line: string): string {
  const parts: string[] = [];
  let current = "";
  let octets = 0;
  for (const char of line) {
    const size = encoder.encode(char).length;
    const limit = parts.length === 0 ? 75 : 74;
    if (octets + size > limit) {
      parts.push(current);
      current = "";
      octets = 0;
    }
    current += char;
    octets += size;
  }
  parts.push(current);
  return parts.join("\r\n ");
}

const basicDate = (date: string) => date.replaceAll("-", "");
const basicDateTime = (iso: string) => `${iso.slice(0, 19).replace(/[-:]/g, "")}Z`;

function nextDay(date: string): string {
  const next = new Date(`${date}T00:00:00Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  return next.toISOString().slice(0, 10);
}

/** The whole calendar. `stampedAt` (ISO) is when this copy was made: it is every event's DTSTAMP. */
export function writeCalendar(name: string, events: readonly AllDayEvent[], stampedAt: string): string {
  const lines = [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    "PRODID:-//Stepwise//Review dates and deadlines//EN",
    "CALSCALE:GREGORIAN",
    "METHOD:PUBLISH",
    `X-WR-CALNAME:${escapeText(name)}`,
    ...events.flatMap((event) => [
      "BEGIN:VEVENT",
      `UID:${event.uid}`,
      `DTSTAMP:${basicDateTime(stampedAt)}`,
      `DTSTART;VALUE=DATE:${basicDate(event.date)}`,
      `DTEND;VALUE=DATE:${basicDate(nextDay(event.date))}`,
      `SUMMARY:${escapeText(event.summary)}`,
      `DESCRIPTION:${escapeText(event.description)}`,
      "TRANSP:TRANSPARENT",
      "END:VEVENT",
    ]),
    "END:VCALENDAR",
  ];
  return `${lines.map(foldLine).join("\r\n")}\r\n`;
}
