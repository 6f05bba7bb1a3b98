import type { SenProvisionCode } from "../../schema/vocab";
import type { FrameworkDefinition } from "./definition";

/**
 * The school census's SEN provision codes against a framework's stages. Since 2014, K (SEN support) took the place
 * of A and P (School Action, School Action Plus) and E (EHC plan) that of S (Statement): a register in either set of
 * codes can be read into any framework.
 */
const sameProvision: Record<SenProvisionCode, readonly SenProvisionCode[]> = {
  N: ["N"],
  K: ["K", "A", "P"],
  A: ["A", "K"],
  P: ["P", "K"],
  E: ["E", "S"],
  S: ["S", "E"],
};

/**
 * The stage a pupil with this provision code starts at: the framework's first stage with the code (one on the SEN
 * register, for a code of SEN provision). Null where the framework has none (never, for the three frameworks).
 */
export function stageForProvision(framework: FrameworkDefinition, code: SenProvisionCode): string | null {
  for (const candidate of sameProvision[code]) {
    const stages = Object.entries(framework.stages).filter(([, stage]) => stage.provisionCode === candidate);
    const chosen = stages.find(([, stage]) => stage.onSenRegister === (candidate !== "N")) ?? stages[0];
    if (chosen) return chosen[0];
  }
  return null;
}

/** Whether two codes stand for the same provision (K and A, say). */
export const isSameProvision = (a: SenProvisionCode, b: SenProvisionCode) => sameProvision[a].includes(b);

/** The census wants a primary need for every pupil with SEN provision (K or E, and the historical A, P and S). */
export const needsPrimaryNeed = (code: SenProvisionCode) => code !== "N";

export function provisionCodeOf(framework: FrameworkDefinition, stage: string): SenProvisionCode | null {
  return framework.stages[stage]?.provisionCode ?? null;
}
