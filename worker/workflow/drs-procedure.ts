import type { DrsParty, DrsStep } from "../../schema/vocab";
import type { FrameworkWords } from "./definition";
import type { ClockKind } from "./timescales";

/** The clocks a DRS referral runs: the procedure's own steps and the tribunal window it does not affect. */
export const drsClockKinds = [
  "drsReferralForwarded",
  "drsPartiesContacted",
  "drsMeetingOffered",
  "drsMeetingHeld",
  "tribunalAppealWindow",
] as const satisfies readonly ClockKind[];
export type DrsClockKind = (typeof drsClockKinds)[number];

const procedureClocks = ["drsReferralForwarded", "drsPartiesContacted", "drsMeetingOffered", "drsMeetingHeld"] as const satisfies readonly DrsClockKind[];

export type DrsMailAudience = "parents" | "authority" | "staff";

export type DrsStepDefinition = {
  /** Read in the pupil's framework's words (the service that supports parents has each framework's own name). */
  label: string | ((words: FrameworkWords) => string);
  /** Where the rule comes from. */
  source: string;
  /** The steps this one may follow; empty for the step a referral is opened at. */
  from: readonly DrsStep[];
  recordedBy: readonly DrsParty[];
  startsClocks?: readonly DrsClockKind[];
  stopsClocks?: readonly DrsClockKind[];
  mail?: readonly DrsMailAudience[];
  /** The referral form's answers and signatures may be given with this step (until the form is submitted). */
  takesAgreement?: true;
  /** No step follows. */
  final?: true;
};

const seed = "Seed 000 (Wirral), Disagreement Resolution Service: procedure for schools";
const open = ["informalResolutionTried", "parentPartnershipInformed", "mediationAgreed"] as const satisfies readonly DrsStep[];
const running = [...open, "referralSubmitted", "forwardedToDrs", "drsContactedParties", "meetingOffered", "meetingHeld", "furtherMeetingHeld"] as const;

/**
 * The DRS procedure as data: each step, what it may follow, who records it, and the clocks it starts and stops.
 * Seed 000 is one LA's procedure; its numbers are the default timescales (timescales.ts) and an LA may change them.
 */
export const drsProcedure = {
  source: seed,
  steps: {
    informalResolutionTried: {
      label: "The school and the parents tried to resolve the disagreement informally, through the school's own procedures",
      source: `${seed}, action before DRS referral`,
      from: [],
      recordedBy: ["school"],
    },
    parentPartnershipInformed: {
      label: (words) => `The parents were made aware of ${words.parentSupportService} and other sources of support`,
      source: `${seed}, action before DRS referral`,
      from: ["informalResolutionTried"],
      recordedBy: ["school"],
    },
    mediationAgreed: {
      label: "Both parties agreed to mediation through the DRS",
      source: `${seed}, step 1.3: if either party does not agree to mediation, no referral will be made`,
      from: ["parentPartnershipInformed"],
      recordedBy: ["school"],
      takesAgreement: true,
    },
    referralSubmitted: {
      label: "The referral form, signed by the parents and the school, and the school's summary were submitted to the SEN Support & Monitoring Officer",
      source: `${seed}, step 1.4-1.6`,
      from: ["mediationAgreed"],
      recordedBy: ["school"],
      takesAgreement: true,
      startsClocks: ["drsReferralForwarded"],
      mail: ["authority"],
    },
    forwardedToDrs: {
      label: "The SEN Support & Monitoring Officer checked the earlier efforts to resolve it and forwarded the referral to the DRS",
      source: `${seed}, step 1.8 (10 days)`,
      from: ["referralSubmitted"],
      recordedBy: ["laOfficer"],
      stopsClocks: ["drsReferralForwarded"],
      startsClocks: ["drsPartiesContacted"],
      mail: ["parents", "staff"],
    },
    drsContactedParties: {
      label: "The DRS acknowledged the referral, contacted both parties and asked for their documents",
      source: `${seed}, step 2.1-2.2 (within 4 working days)`,
      from: ["forwardedToDrs"],
      recordedBy: ["laOfficer"],
      stopsClocks: ["drsPartiesContacted"],
      startsClocks: ["drsMeetingOffered"],
    },
    meetingOffered: {
      label: "The DRS offered individual appointments or a joint meeting",
      source: `${seed}, step 2.1 (within 10 further working days)`,
      from: ["drsContactedParties"],
      recordedBy: ["laOfficer"],
      stopsClocks: ["drsMeetingOffered"],
      startsClocks: ["drsMeetingHeld"],
      mail: ["parents", "staff"],
    },
    meetingHeld: {
      label: "The DRS meeting took place, with a trained facilitator",
      source: `${seed}, step 3 (15 days)`,
      from: ["meetingOffered"],
      recordedBy: ["laOfficer"],
      stopsClocks: ["drsMeetingHeld"],
    },
    furtherMeetingHeld: {
      label: "One more meeting took place, the first having come close to agreement",
      source: `${seed}, step 3.2: one more meeting may be arranged, depending on progress`,
      from: ["meetingHeld"],
      recordedBy: ["laOfficer"],
    },
    agreementReached: {
      label: "An agreement was drawn up by the facilitator and given to both parties (not legally binding)",
      source: `${seed}, step 4; representatives 4: agreements are not legally binding`,
      from: ["meetingHeld", "furtherMeetingHeld"],
      recordedBy: ["laOfficer"],
      mail: ["parents", "staff"],
      final: true,
    },
    noAgreement: {
      label: "The meetings ended without agreement",
      source: `${seed}, step 4: "if it is possible to make an agreement"`,
      from: ["meetingHeld", "furtherMeetingHeld"],
      recordedBy: ["laOfficer"],
      mail: ["parents", "staff"],
      final: true,
    },
    withdrawn: {
      label: "A party withdrew from mediation",
      source: `${seed}, step 1.3: mediation needs both parties' agreement`,
      from: running,
      recordedBy: ["school", "parent"],
      stopsClocks: procedureClocks,
      mail: ["authority"],
      final: true,
    },
  },
  /** Where an appeal against the LA's decision goes; the DRS never affects it. */
  appeal: {
    England: {
      to: "the First-tier Tribunal (Special Educational Needs and Disability), SENDIST",
      clock: "tribunalAppealWindow",
      source: "Tribunal Procedure Rules; seed 000 and DOMAIN.md: DRS does not affect the right of appeal (2 months from the LA's decision)",
    },
    Jersey: {
      to: "the Minister for Education, not SENDIST",
      clock: null,
      source: "Jersey SEN Code of Practice 0-19 (2017), DOMAIN.md: appeals go to the Minister; the seeds give no timescale, so no clock runs",
    },
  },
} as const satisfies {
  source: string;
  steps: Record<DrsStep, DrsStepDefinition>;
  appeal: Record<"England" | "Jersey", { to: string; clock: DrsClockKind | null; source: string }>;
};

export const drsStepDefinition = (step: DrsStep): DrsStepDefinition => drsProcedure.steps[step];

/** A step as people read it, in the words of the pupil's framework. */
export function drsStepLabel(step: DrsStep, words: FrameworkWords): string {
  const { label } = drsStepDefinition(step);
  return typeof label === "string" ? label : label(words);
}

/** The steps that may follow `current`, in the procedure's order. */
export function nextDrsSteps(current: DrsStep): DrsStep[] {
  return (Object.entries(drsProcedure.steps) as [DrsStep, DrsStepDefinition][])
    .filter(([, definition]) => definition.from.includes(current))
    .map(([step]) => step);
}
