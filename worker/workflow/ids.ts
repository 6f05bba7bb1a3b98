import type { StaffRole } from "../../schema/vocab";
import type { FrameworkDefinition } from "./definition";
import type { frameworks } from "./frameworks";

type Frameworks = typeof frameworks;

/** Every stage any framework defines, derived from the definitions: a stage no framework has is a type error. */
export type StageId = { [F in keyof Frameworks]: keyof Frameworks[F]["stages"] & string }[keyof Frameworks];

/** Every move any framework defines, with the two the case itself makes: enrolment and closing the record. */
export type MoveId = { [F in keyof Frameworks]: keyof Frameworks[F]["moves"] & string }[keyof Frameworks] | "enrol" | "closeRecord" | "transferSchool";

/** Who acts on a case: a member of staff, by role. */
export type ActorRole = StaffRole;

/** A move the framework defines (own keys only: "toString" is no move); every framework is one of `frameworks`. */
export function isMoveOf(framework: FrameworkDefinition, move: string): move is MoveId {
  return Object.hasOwn(framework.moves, move);
}

/** A stage the framework defines: a stored or configured stage is checked before the core takes it as a StageId. */
export function isStageOf(framework: FrameworkDefinition, stage: string): stage is StageId {
  return Object.hasOwn(framework.stages, stage);
}
