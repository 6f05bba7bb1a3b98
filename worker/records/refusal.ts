/**
 * A refusal of a record's own rules (a name or number already taken, a record still in use, a pupil the census cannot count), as data: the domain
 * returns it, and HTTP (http/refusals.ts) and the HTML pages map it. The field is the one to change, with what to do.
 */
export type RecordRefusal = {
  code:
    | "name_taken"
    | "intervention_in_use"
    | "upn_taken"
    | "unknown_stage"
    | "primary_need_missing"
    | "no_school_with_urn"
    | "transfer_to_own_school"
    | "other_framework"
    | "transfer_pending"
    | "pupil_closed"
    | "la_number_taken"
    | "urn_taken"
    | "slug_taken"
    | "no_such_la";
  message: string;
  field: string;
  fieldMessage: string;
};

export const recordRefusal = (refusal: RecordRefusal) => ({ ok: false, refusal }) as const;
