import { daysBetween, type IsoDate } from "../calendar/working-days";

/**
 * What is due, in one place: a running clock is due on its due date and overdue from the day after; a stopped clock is
 * due nowhere. The register, the pupil's page, the tasks, the LA's figures, the alerts and the digest all judge a clock
 * by this, on the day they are given (never the wall clock).
 */
export type DueState = { state: "overdue" | "dueToday" | "dueLater"; days: number };

/** `days` counts from today: how many days overdue, or how many left. */
export function dueState(dueOn: IsoDate, today: IsoDate): DueState {
  const left = daysBetween(today, dueOn);
  if (left < 0) return { state: "overdue", days: -left };
  return { state: left === 0 ? "dueToday" : "dueLater", days: left };
}

export const isOverdue = (dueOn: IsoDate, today: IsoDate) => dueState(dueOn, today).state === "overdue";

const dayCount = (days: number) => `${days} ${days === 1 ? "day" : "days"}`;

/** "Overdue by 3 days", "Due today", "Due in 1 day": the same words wherever a due date is judged. */
export function dueWords(dueOn: IsoDate, today: IsoDate): string {
  const { state, days } = dueState(dueOn, today);
  if (state === "overdue") return `Overdue by ${dayCount(days)}`;
  return state === "dueToday" ? "Due today" : `Due in ${dayCount(days)}`;
}
