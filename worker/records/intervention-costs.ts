/**
 * What an intervention costs, in whole pence (integers throughout: no floating-point money). A school costs it either
 * per session, or per hour of staff time (the session's length at the staff's hourly cost).
 */
import type { CostBasis } from "../../schema/vocab";

/** A school year of 190 teaching days is 38 weeks; in three terms, about 13 weeks a term (DfE school year). */
export const weeksPerTerm = 13;

export type InterventionCosting = { costBasis: CostBasis; costPence: number; sessionsPerWeek: number; sessionMinutes: number };

/** Whole pence, halves rounded up: the division is exact integer arithmetic. */
const divideRounded = (numerator: number, denominator: number) => Math.floor((2 * numerator + denominator) / (2 * denominator));

export function sessionCostPence(costing: InterventionCosting): number {
  return costing.costBasis === "perSession" ? costing.costPence : divideRounded(costing.costPence * costing.sessionMinutes, 60);
}

export function termCostPence(costing: InterventionCosting): number {
  return sessionCostPence(costing) * costing.sessionsPerWeek * weeksPerTerm;
}

/** The term's cost shared by the pupils on it; none on it, no share. */
export function costPerPupilPence(termPence: number, pupils: number): number | null {
  return pupils > 0 ? divideRounded(termPence, pupils) : null;
}
