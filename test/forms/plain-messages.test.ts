import * as v from "valibot";
import { describe, expect, it } from "vitest";
import { app } from "../../worker/index";
import { signInFields } from "../../worker/auth/sign-in";
import { checkForm } from "../../worker/forms/shared/check-form";
import type { FormDefinition } from "../../schema/staff-forms/form-definition";
import { formDefinitions } from "../../worker/forms/shared/definitions";
import { refusalMessages } from "../../worker/http/refusal-messages";
import { newPassword, parentMediationAnswer } from "../../schema/inputs";
import { parentViewsInput } from "../../schema/staff-forms/parent-views";

declare global {
  interface ImportMeta {
    /** Vite's import of every module a pattern matches (vitest runs this file through Vite). */
    glob<T>(pattern: string, options: { eager: true }): Record<string, T>;
  }
}

/** Every staff form's definition, found by shape in schema/staff-forms/: a new form module is covered on its own. */
const staffModules = import.meta.glob<Record<string, unknown>>("../../schema/staff-forms/*.ts", { eager: true });
const isDefinition = (value: unknown): value is FormDefinition =>
  typeof value === "object" && value !== null && "schema" in value && typeof value.schema === "object" && value.schema !== null && "~standard" in value.schema;
const staffDefinitions = Object.fromEntries(
  Object.values(staffModules).flatMap((module) => Object.entries(module).filter((entry): entry is [string, FormDefinition] => isDefinition(entry[1]))),
);
const definitions: Record<string, FormDefinition> = {
  ...staffDefinitions,
  ...formDefinitions,
  signIn: { schema: signInFields },
  invitation: { schema: newPassword },
  parentViews: { schema: parentViewsInput },
  parentMediation: { schema: parentMediationAnswer },
};

/** Every HTML form route the app serves (POST outside /api), and the definition its handler checks. */
const formOfRoute: Record<string, string | null> = {
  "/s/:slug/concern": "parentConcern",
  "/forms/pupils/:id/concern": "recordOfConcernForm",
  "/forms/pupils/:id/plan": "planForm",
  "/forms/pupils/:id/review": "reviewForm",
  "/forms/pupils/:id/decisions/:move": "moveConfirmationForm",
  "/forms/pupils/:id/parent-views": "parentViewsForm",
  "/forms/pupils/:id/assessment-request": "assessmentRequestForm",
  "/forms/pupils/:id/drs-referral": "drsReferralForm",
  "/forms/schools/:schoolId/parent-concerns/:concernId/contacted": "parentContactedForm",
  "/forms/schools/:schoolId/parent-concerns/:concernId/match": "parentConcernMatchForm",
  "/print/pupils/:id/concerns/:formId/copy-to-parents": "copyToParentsForm",
  "/print/pupils/:id/plans/:formId/copy-to-parents": "copyToParentsForm",
  "/print/pupils/:id/reviews/:formId/copy-to-parents": "copyToParentsForm",
  "/print/pupils/:id/drs-referrals/:formId/copy-to-parents": "copyToParentsForm",
  "/print/pupils/:id/concerns/:formId/senco-action": "moveForm",
  "/staff/sign-in": "signIn",
  "/staff/invitations/:secret": "invitation",
  "/parent/:secret/views": "parentViews",
  "/parent/:secret/mediation": "parentMediation",
  // A button with no fields.
  "/staff/sign-out": null,
};

/**
 * Form routes added by the administration and onboarding pages: their definitions live in their route modules and are
 * not yet exported for this test (to do). Listed so that any further form route still fails the first test.
 */
const notYetChecked = [
  "/staff/admin/las/new",
  "/staff/admin/las/:id",
  "/staff/admin/schools/new",
  "/staff/admin/schools/:id",
  "/staff/admin/outbox/:id/retry",
  "/staff/schools/:teamId/staff/invitations",
  "/staff/schools/:teamId/staff/invitations/:invitationId/resend",
  "/staff/schools/:teamId/staff/invitations/:invitationId/withdraw",
  "/staff/schools/:teamId/staff/mailbox",
  "/staff/schools/:teamId/staff/:userId/role",
  "/staff/schools/:teamId/staff/:userId/remove",
  "/staff/schools/:teamId/staff/:userId/pupils",
  "/staff/schools/:teamId/staff/:userId/pupils/remove",
  "/staff/las/:teamId/officers/invitations",
  "/staff/las/:teamId/officers/invitations/:invitationId/resend",
  "/staff/las/:teamId/officers/invitations/:invitationId/withdraw",
  "/staff/las/:teamId/officers/mailbox",
  "/staff/las/:teamId/officers/:userId/role",
  "/staff/las/:teamId/officers/:userId/remove",
  "/forms/las/:laId/alert-settings",
  "/forms/las/:laId/closure-days",
  "/forms/las/:laId/closure-days/:date/remove",
  "/forms/las/:laId/timescales",
  "/forms/schools/:schoolId/interventions",
  "/forms/schools/:schoolId/interventions/:interventionId",
  "/forms/schools/:schoolId/interventions/:interventionId/end",
  "/forms/schools/:schoolId/interventions/:interventionId/pupils",
  "/forms/schools/:schoolId/interventions/:interventionId/pupils/off",
  "/forms/schools/:schoolId/pupils",
  "/forms/schools/:schoolId/register-import",
  "/forms/schools/:schoolId/register-import/confirm",
];

const validatorText = /Invalid key|Invalid type|Expected|received|undefined|\[object|YYYY/;
/** The plain-English set: GOV.UK's openings ("Enter", "Select", ...) or a sentence about the field ("... must be ..."). */
const plainEnglish = /^(Enter|Select|Choose|Give|Name|Say|Answer|Reload|Check|This form) |^[A-Z][^.]* (must|is not|has|cannot|could not) /;

function wrongAnswers(schema: v.GenericSchema): Record<string, string | string[]>[] {
  const entries = "entries" in schema && typeof schema.entries === "object" && schema.entries !== null ? Object.keys(schema.entries) : [];
  return entries.flatMap((key) => [
    { [key]: "x".repeat(20_001) },
    { [key]: "no-such-choice" },
    { [key]: ["no-such-choice", "another"] },
    { [`${key}.day`]: "31", [`${key}.month`]: "2", [`${key}.year`]: "2026" },
    { [`${key}.day`]: "x", [`${key}.month`]: "", [`${key}.year`]: "26" },
    { [`${key}.0.name`]: "x".repeat(201) },
  ]);
}

describe("every HTML form's errors are plain English", () => {
  it("lists every form route the router serves", () => {
    const routes = new Set(app.routes.filter((route) => route.method === "POST" && !route.path.startsWith("/api")).map((route) => route.path));
    expect([...routes].sort()).toEqual([...Object.keys(formOfRoute), ...notYetChecked].sort());
    for (const form of Object.values(formOfRoute)) if (form !== null) expect(definitions[form], form).toBeDefined();
  });

  it.each(Object.keys(definitions))("%s, posted empty and with each field wrong", (name) => {
    const definition = definitions[name]!;
    const seen = new Set<string>();
    for (const fields of [{}, ...wrongAnswers(definition.schema)]) {
      const checked = checkForm(definition, fields);
      if (!checked.ok) for (const error of checked.errors) seen.add(error.message);
    }
    expect(seen.size, "an empty form has at least one error").toBeGreaterThan(0);
    expect([...seen].filter((message) => validatorText.test(message) || !plainEnglish.test(message))).toEqual([]);
  });

  it("words every refusal a page can show in plain English", () => {
    for (const message of Object.values(refusalMessages)) {
      expect(message).not.toMatch(validatorText);
      expect(message).toMatch(/^[A-Z]/);
    }
  });
});
