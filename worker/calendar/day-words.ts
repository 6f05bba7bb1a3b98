const short = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });
const long = new Intl.DateTimeFormat("en-GB", { weekday: "long", day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });

/**
 * A date as people read it on every page and in every email: "14 June 2026", or "Sunday 14 June 2026" when long.
 * Takes a YYYY-MM-DD date or a timestamp (its day); anything else is shown as given rather than as "Invalid Date".
 */
export function dayInWords(date: string, style: "short" | "long" = "short"): string {
  if (!/^\d{4}-\d{2}-\d{2}/.test(date)) return date;
  return (style === "long" ? long : short).format(new Date(`${date.slice(0, 10)}T00:00:00Z`));
}
