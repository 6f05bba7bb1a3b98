import * as v from "valibot";
import { describe, expect, it } from "vitest";
import { app } from "../../worker/index";
import { signInFields } from "../../worker/auth/sign-in";
import { checkForm } from "../../worker/forms/shared/check-form";
import type { FormDefinition } from "../../schema/staff-forms/form-definition";
import { formDefinitions } from "../../worker/forms/shared/definitions";
import { refusalMessages } from "../../worker/http/refusal-messages";
import {
  newPassword,
  parentLinkForm,
  parentMediationAnswer,
  parentMeetingForm,
  pupilEnrolmentForm,
  pupilLeftForm,
  specialistInvolvementForm,
  transferStartForm,
} from "../../schema/inputs";
import { alertSettingsForm } from "../../worker/las/settings";
import { parentViewsInput } from "../../schema/staff-forms/parent-views";
import { assessmentExceptionForm, authorityDecisionForm } from "../../schema/staff-forms/authority-decision";
import { plainEnglish, validatorText } from "./form-pages";

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
/** The LA's forms on a request are bounded by its date and today: any pair of days will do here. */
const requestBounds = { requestedOn: "2026-01-05", today: "2026-12-01" };
const definitions: Record<string, FormDefinition> = {
  ...staffDefinitions,
  ...formDefinitions,
  signIn: { schema: signInFields },
  invitation: { schema: newPassword },
  parentViews: { schema: parentViewsInput },
  parentMediation: { schema: parentMediationAnswer },
  alertSettings: alertSettingsForm,
  pupilEnrolment: pupilEnrolmentForm,
  parentMeeting: parentMeetingForm,
  specialistInvolvement: specialistInvolvementForm,
  parentLink: parentLinkForm,
  transferStart: transferStartForm,
  pupilLeft: pupilLeftForm,
  authorityDecision: authorityDecisionForm(requestBounds),
  assessmentException: assessmentExceptionForm(requestBounds),
};

/** Every HTML form route the app serves (POST outside /api), and the definition its handler checks. */
const formOfRoute: Record<string, string | null> = {
  "/s/:slug/concern": "parentConcern",
  "/forms/pupils/:id/concern": "recordOfConcernForm",
  "/forms/pupils/:id/plan": "planForm",
  "/forms/pupils/:id/review": "reviewForm",
  "/forms/pupils/:id/decisions/:move": "moveConfirmationForm",
  "/forms/pupils/:id/parent-meeting": "parentMeeting",
  "/forms/pupils/:id/specialist-involvement": "specialistInvolvement",
  "/forms/pupils/:id/parent-links": "parentLink",
  "/forms/pupils/:id/parent-links/:linkId/withdraw": null,
  "/forms/pupils/:id/transfer": "transferStart",
  "/forms/schools/:schoolId/transfers/:transferId/accept": null,
  "/forms/schools/:schoolId/transfers/:transferId/decline": null,
  "/forms/pupils/:id/transfer/cancel": null,
  "/forms/pupils/:id/leaving": "pupilLeft",
  "/forms/pupils/:id/parent-views": "parentViewsForm",
  "/forms/pupils/:id/assessment-request": "assessmentRequestForm",
  "/forms/pupils/:id/drs-referral": "drsReferralForm",
  "/forms/pupils/:id/assessment-requests/:formId/decision": "authorityDecision",
  "/forms/pupils/:id/assessment-requests/:formId/exception": "assessmentException",
  "/forms/drs-referrals/:referralId/steps/:step": "drsStepForm",
  "/forms/pupils/:id/ehc-steps/:step": "ehcStepForm",
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
  "/staff/admin/las/new": "localAuthorityForm",
  "/staff/admin/las/:id": "localAuthorityForm",
  "/staff/admin/schools/new": "newSchoolForm",
  "/staff/admin/schools/:id": "schoolChangeForm",
  "/staff/schools/:teamId/staff/invitations": "staffInviteForm",
  "/staff/schools/:teamId/staff/mailbox": "mailboxForm",
  "/staff/schools/:teamId/staff/:userId/role": "roleChangeForm",
  "/staff/schools/:teamId/staff/:userId/pupils": "teachingForm",
  "/staff/schools/:teamId/staff/invitations/:invitationId/pupils": "teachingForm",
  "/staff/las/:teamId/officers/invitations": "staffInviteForm",
  "/staff/las/:teamId/officers/mailbox": "mailboxForm",
  "/staff/las/:teamId/officers/:userId/role": "roleChangeForm",
  "/forms/las/:laId/alert-settings": "alertSettings",
  "/forms/las/:laId/closure-days": "closureRangeForm",
  "/forms/las/:laId/timescales": "timescalesForm",
  "/forms/schools/:schoolId/interventions": "interventionDetailsForm",
  "/forms/schools/:schoolId/interventions/:interventionId": "interventionDetailsForm",
  "/forms/schools/:schoolId/interventions/:interventionId/end": "interventionEndForm",
  "/forms/schools/:schoolId/interventions/:interventionId/pupils": "interventionPupilsOnForm",
  "/forms/schools/:schoolId/interventions/:interventionId/pupils/off": "interventionPupilsOffForm",
  "/forms/schools/:schoolId/interventions/:interventionId/targets": "interventionTargetsForm",
  "/forms/schools/:schoolId/pupils": "pupilEnrolment",
  // A file, checked by the register import's own reader (test/forms/admin-form-pages.test.ts posts none).
  "/forms/schools/:schoolId/register-import": null,
  "/forms/schools/:schoolId/register-import/confirm": null,
  // A Common Transfer File, checked by its own reader (worker/pupils/ctf-file.ts; test/records/ctf.test.ts).
  "/forms/schools/:schoolId/ctf-import": null,
  "/forms/schools/:schoolId/ctf-import/confirm": null,
  // Buttons with no fields.
  "/staff/sign-out": null,
  "/staff/admin/outbox/:id/retry": null,
  "/staff/schools/:teamId/staff/invitations/:invitationId/resend": null,
  "/staff/schools/:teamId/staff/invitations/:invitationId/withdraw": null,
  "/staff/schools/:teamId/staff/:userId/remove": null,
  "/staff/schools/:teamId/staff/:userId/pupils/remove": null,
  "/staff/schools/:teamId/staff/invitations/:invitationId/pupils/remove": null,
  "/staff/las/:teamId/officers/invitations/:invitationId/resend": null,
  "/staff/las/:teamId/officers/invitations/:invitationId/withdraw": null,
  "/staff/las/:teamId/officers/:userId/remove": null,
  "/forms/las/:laId/closure-days/:date/remove": null,
};

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
    expect([...routes].sort()).toEqual(Object.keys(formOfRoute).sort());
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
