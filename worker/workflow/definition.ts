import type { AssessmentRequestKind, FormKind, FrameworkId, LaAssessmentDecision, SenProvisionCode } from "../../schema/vocab";
import type { FormRules } from "./form-rules";
import type { ClockKind } from "./timescales";

/** Things a move obliges the school to do, as printed beside the decision on the seed forms. */
export const obligations = [
  "placeOnSenRegister",
  "removeFromSenRegister",
  "drawUpIep",
  "seekSpecialistAdvice",
  "consultParentsAndSess",
  "informTheAuthority",
  "formallyNotifyParents",
] as const;
export type Obligation = (typeof obligations)[number];

export type StageDefinition = {
  label: string;
  /** The DfE census SEN provision code the register exports for a pupil at this stage. */
  provisionCode: SenProvisionCode;
  onSenRegister: boolean;
  /**
   * The clocks that run for every pupil at this stage (a review cycle, a plan's annual review). A pupil enrolled
   * straight at the stage (an existing register, an import, a Common Transfer File) starts them the day enrolled,
   * as the move into the stage would have.
   */
  runsClocks?: readonly ClockKind[];
};

export type MoveDefinition<Stage extends string> = {
  /** The decision as worded on the seed form, so the forms print it verbatim. */
  label: string;
  /** Where the rule comes from: seed and section, or the regulation. */
  source: string;
  from: readonly Stage[];
  /** "stay" keeps the stage: a decision to remain, which still writes an event and restarts clocks. */
  to: Stage | "stay";
  /** The form whose record the move must name; null where the move is recorded by its reason alone. */
  form: FormKind | null;
  /** How the Assess-Plan-Do-Review cycle number changes: a first cycle, the next one, or unchanged. */
  cycle?: "first" | "next";
  /** The pupil must have completed this many cycles first (seed 001: "after successive cycles"). */
  minimumCycles?: number;
  startsClocks?: readonly ClockKind[];
  stopsClocks?: readonly ClockKind[];
  obligations?: readonly Obligation[];
  /** The move asks the LA to assess: whatever form records it, it opens the request the LA decides on. */
  opensAssessmentRequest?: boolean;
  /** Who decides: the school (its SENCO or head, the default) or the local authority (its officer). */
  decidedBy?: "school" | "authority";
  /** What an authority's decision records on the assessment request: whether it agreed to assess, and a plan issued. */
  assessmentDecision?: LaAssessmentDecision;
  issuesPlan?: boolean;
};

export type Decider = NonNullable<MoveDefinition<string>["decidedBy"]>;

/** What a framework calls the things people read, in its own words. */
export type FrameworkWords = {
  /** The link to the form that asks for an assessment beyond SEN support. */
  requestAssessment: string;
  /** The independent service that informs and supports parents. */
  parentSupportService: string;
};

export type FrameworkDefinition<Stage extends string = string, Move extends string = string> = {
  id: FrameworkId;
  name: string;
  source: string;
  /** Where it applies: decides the holiday region and the appeal route. */
  jurisdiction: "England" | "Jersey";
  initialStage: Stage;
  stages: Record<Stage, StageDefinition>;
  moves: Record<Move, MoveDefinition<Stage>>;
  /** What recording each form does beyond any decision it carries (clocks started, stopped or restarted). */
  formRules: FormRules;
  /** The request the school or parents make when SEN support is not enough. */
  assessmentRequestKind: AssessmentRequestKind;
  words: FrameworkWords;
};
