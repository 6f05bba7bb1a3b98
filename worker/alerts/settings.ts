import type { AlertSettingsOverrides } from "../../schema/tables";

export type AlertSettings = {
  /** A clock is "due soon" this many calendar days before its due date. */
  dueSoonDays: number;
  /** An overdue teacher's item goes to the SENCO this many days after its due date. */
  escalateToSencoAfterDays: number;
  /** An overdue school item goes to the LA officer this many days after its due date. */
  escalateToLaAfterDays: number;
};

/**
 * Local settings, not law: Stepwise's defaults, which an LA may change (local_authorities.alert_settings).
 * A week's notice; a school week for the SENCO to act; a further fortnight before the LA is told.
 */
export const defaultAlertSettings: AlertSettings = {
  dueSoonDays: 7,
  escalateToSencoAfterDays: 5,
  escalateToLaAfterDays: 20,
};

/** The furthest ahead an LA may set "due soon": bounds how far ahead the scheduled run reads. */
export const maxDueSoonDays = 60;

export function resolveAlertSettings(overrides: AlertSettingsOverrides): AlertSettings {
  return { ...defaultAlertSettings, ...Object.fromEntries(Object.entries(overrides).filter(([, v]) => typeof v === "number")) };
}
