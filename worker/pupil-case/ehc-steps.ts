import type { EhcStepInput } from "../../schema/inputs";
import type { Db } from "../app-env";
import type { CaseActor } from "../workflow/decide";
import { applyChange, type CaseFailure } from "./change";

export type EhcStepOutcome = { ok: true; stepId: string; happenedOn: string } | CaseFailure;

/** One step of the EHC process, stored with its clocks in one atomic batch; the day it happened defaults to today. */
export async function recordEhcStep(db: Db, pupilId: string, input: EhcStepInput, actor: CaseActor, at: string): Promise<EhcStepOutcome> {
  const stepId = crypto.randomUUID();
  const occurredOn = input.happenedOn ?? at.slice(0, 10);
  const command = {
    kind: "recordEhcStep",
    stepId,
    step: input.step,
    actor,
    ...(input.transfer ? { transfer: input.transfer } : {}),
    occurredOn,
    recordedAt: at,
  } as const;
  const changed = await applyChange(db, pupilId, command);
  if (!changed.ok) return changed;
  return { ok: true, stepId, happenedOn: occurredOn };
}
