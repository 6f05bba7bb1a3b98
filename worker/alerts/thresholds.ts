import type { AlertThreshold } from "../../schema/vocab";
import type { IsoDate } from "../calendar/working-days";
import { dueState } from "../workflow/due";
import { escalationLadder, type ClockKindDetails, type ResponsibleRole } from "../workflow/clock-kinds";
import type { AlertSettings } from "./settings";

export type DueAlert = { threshold: AlertThreshold; audienceRole: ResponsibleRole };

const ladderFrom = (role: ResponsibleRole) => escalationLadder.slice(escalationLadder.indexOf(role));

/**
 * The alerts a running clock calls for today. Pure: the date is passed in. Only the clock's present state is alerted
 * (a clock first seen overdue is not also "due soon"); escalations climb the ladder from the role responsible, each
 * once its number of days has passed.
 */
export function alertsDue(clock: { dueOn: IsoDate }, details: ClockKindDetails, settings: AlertSettings, today: IsoDate): DueAlert[] {
  // Overdue as every page judges it (worker/workflow/due.ts).
  const due = dueState(clock.dueOn, today);
  const responsible = details.responsible;
  if (due.state === "dueLater") return due.days > settings.dueSoonDays ? [] : [{ threshold: "dueSoon", audienceRole: responsible }];
  if (due.state === "dueToday") return [{ threshold: "dueToday", audienceRole: responsible }];
  if (details.window) return [];

  const overdueDays = due.days;
  const alerts: DueAlert[] = [{ threshold: "overdue", audienceRole: responsible }];
  const ladder = ladderFrom(responsible);
  const sencoAfterDays = details.sencoToldAtOnce ? 0 : settings.escalateToSencoAfterDays;
  if (ladder.includes("teacher") && overdueDays >= sencoAfterDays) {
    alerts.push({ threshold: "escalatedToSenco", audienceRole: "senco" });
  }
  if (ladder.includes("senco") && overdueDays >= settings.escalateToLaAfterDays) {
    alerts.push({ threshold: "escalatedToLa", audienceRole: "laOfficer" });
  }
  return alerts;
}
