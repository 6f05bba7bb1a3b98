import type { FrameworkId } from "../../../schema/vocab";
import type { FrameworkDefinition } from "../definition";
import { england2001 } from "./england-2001";
import { england2014 } from "./england-2014";
import { recordOfNeed } from "./record-of-need";

export const frameworks = { england2001, england2014, recordOfNeed } satisfies Record<FrameworkId, FrameworkDefinition>;

export function frameworkFor(id: FrameworkId): FrameworkDefinition {
  return frameworks[id];
}

/** Every stage of every framework: what an imported register may name. */
export function stagesOf(id: FrameworkId): string[] {
  return Object.keys(frameworks[id].stages);
}

/** Does a decision of this name, in any framework, ask the LA to assess? (A form preparer asks before it knows the pupil's framework.) */
export function asksForAssessment(move: string): boolean {
  return Object.values(frameworks).some(
    (framework: FrameworkDefinition) => Object.hasOwn(framework.moves, move) && framework.moves[move]?.opensAssessmentRequest === true,
  );
}
