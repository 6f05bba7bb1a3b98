import * as v from "valibot";
import type { FormDefinition } from "./form-definition";
import { calendarDate, requiredLine, requiredText, yearsFrom } from "../rules";
import { planKinds } from "../vocab";
import { entityId, hasVersionIfDecided, note, oneTimeKey, optionalDecision, versionNeeded } from "./fields";

/** Seed 000 IEP "SPECIFIC TARGETS" and "STRATEGIES": materials, methods, who, group size, frequency. */
export const smartTarget = v.strictObject({
  target: requiredText(2_000, "the target"),
  successCriteria: requiredText(2_000, "the criteria for success"),
  materials: requiredText(2_000, "the teaching materials"),
  methods: requiredText(2_000, "the teaching methods"),
  deliveredBy: requiredText(500, "who will teach or work with the child"),
  groupSize: requiredLine(200, "the size of the teaching group"),
  frequency: requiredLine(200, "how often"),
  interventionId: v.optional(v.nullable(entityId)),
});

const dateWritten = calendarDate("Date plan written", "happened");
/** The review date is held against the day written only when that day is itself right: one error, on the field at fault. */
const writtenRight = (plan: { dateWritten: string }) => v.is(dateWritten, plan.dateWritten);

/** Seed 000 IEP / IBP; SEND Code 6.48-6.51. Stage and cycle are the pupil's, not the writer's to choose. */
export const planInput = v.pipe(
  v.strictObject({
    kind: v.optional(v.picklist(planKinds, "Choose IEP or IBP"), "iep"),
    objective: requiredText(5_000, "the objective"),
    baseline: requiredText(5_000, "the baseline assessment"),
    targets: v.pipe(v.array(smartTarget), v.minLength(3, "A plan has 3 to 5 SMART targets"), v.maxLength(5, "A plan has 3 to 5 SMART targets")),
    dateWritten,
    reviewDate: calendarDate("Date for review", "planned"),
    supportAtHome: note("Support at home"),
    pupilViews: note("The pupil's views"),
    parentViews: note("The parents' views"),
    ...optionalDecision,
    ...oneTimeKey,
  }),
  v.forward(
    v.partialCheck(
      [["dateWritten"], ["reviewDate"]],
      (plan) => !writtenRight(plan) || plan.reviewDate > plan.dateWritten,
      "The date for review must be after the date the plan was written",
    ),
    ["reviewDate"],
  ),
  v.forward(
    v.partialCheck(
      [["dateWritten"], ["reviewDate"]],
      (plan) => !writtenRight(plan) || plan.reviewDate <= yearsFrom(plan.dateWritten, 1),
      "The date for review must be within a year of the date the plan was written",
    ),
    ["reviewDate"],
  ),
  v.forward(v.partialCheck([["decision"], ["expectedVersion"]], hasVersionIfDecided, versionNeeded), ["expectedVersion"]),
);
export type PlanInput = v.InferOutput<typeof planInput>;

export const planForm = { schema: planInput, numbers: ["expectedVersion"] } satisfies FormDefinition;
