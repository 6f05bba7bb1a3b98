import type { FormKind } from "../../schema/vocab";
import type { Decider, FrameworkDefinition } from "./definition";
import { allowedMoves } from "./transition";

/** A decision open at a pupil's stage, as the framework defines it: what it is called, and the form that records it. */
export type OpenDecision = { move: string; label: string; source: string; form: FormKind | null; toStage: string | null };

/**
 * The decisions open now for one party, in the framework's order: derived from the definition alone, so a new
 * framework's moves appear on the pupil's page by themselves.
 */
export function openDecisions(framework: FrameworkDefinition, stage: string, party: Decider, cycle = Number.POSITIVE_INFINITY): OpenDecision[] {
  return allowedMoves(framework, stage).flatMap((id) => {
    const move = framework.moves[id];
    // A move needing more completed cycles than the pupil has is not open yet (seed 001: "after successive cycles").
    if (!move || (move.decidedBy ?? "school") !== party || (move.minimumCycles ?? 0) > cycle) return [];
    return [{ move: id, label: move.label, source: move.source, form: move.form, toStage: move.to === "stay" ? null : move.to }];
  });
}

/**
 * The LA decides some moves on the school's review of the plan (keeping or ceasing an EHC plan or a Statement: reg 20,
 * "within 4 weeks of the review meeting"): the LA records them on a confirmation page citing the latest review.
 */
export const followsLatestReview = (decision: OpenDecision, party: Decider) => party === "authority" && decision.form === "review";

/** The one open decision with this id that a confirmation page records (no form of its own, or following the latest review), or null. */
export function decisionToConfirm(framework: FrameworkDefinition, stage: string, party: Decider, move: string, cycle?: number): OpenDecision | null {
  return openDecisions(framework, stage, party, cycle).find((open) => open.move === move && (open.form === null || followsLatestReview(open, party))) ?? null;
}

/** What comes next once a pupil is at a stage: the first decision the school makes there, worded as the framework words it. */
export function nextDecision(framework: FrameworkDefinition, stage: string): OpenDecision | null {
  return openDecisions(framework, stage, "school")[0] ?? null;
}

/** The clocks an assessment request runs: those its framework starts by the decisions recorded on a request. */
export function assessmentRequestClocks(framework: FrameworkDefinition): string[] {
  const started = Object.values(framework.moves).flatMap((move) => (move.form === "assessmentRequest" ? (move.startsClocks ?? []) : []));
  return [...new Set<string>(started)];
}
