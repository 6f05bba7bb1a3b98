/** The refusal every write to a closed record gets, as the pupil's object gives it (worker/pupil-case/moves.ts). */
export const recordClosed = { code: "pupil_closed", message: "The pupil's record is closed" } as const;

/**
 * A closed record takes no write, a parent's included: the writes that do not pass through the pupil's object
 * (parents' views and links, copies to parents) ask here first.
 */
export const refuseIfClosed = (pupil: { closedAt: string | null }) => (pupil.closedAt === null ? null : ({ ok: false, refusal: recordClosed } as const));
