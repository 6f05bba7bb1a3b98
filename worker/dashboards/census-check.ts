import { and, asc, eq, inArray, isNull, notInArray } from "drizzle-orm";
import { pupils } from "../../schema/tables";
import type { Db } from "../app-env";
import { needsPrimaryNeed } from "../workflow/census";
import { frameworkFor, stagesOf } from "../workflow/frameworks";

/**
 * The school census's rule for the SEN register: every pupil has a provision code (their stage's, so a stage the
 * framework does not know has none) and, with SEN provision (K or E, or the historical A, P and S), a primary need.
 * Lists the pupils who break it, so the SENCO can put them right before the census.
 */
export async function censusCheck(db: Db, school: { id: string; framework: Parameters<typeof frameworkFor>[0] }) {
  const framework = frameworkFor(school.framework);
  const withProvision = Object.entries(framework.stages)
    .filter(([, stage]) => needsPrimaryNeed(stage.provisionCode))
    .map(([id]) => id);
  const columns = { id: pupils.id, givenName: pupils.givenName, familyName: pupils.familyName, upn: pupils.upn, stage: pupils.stage };
  const open = and(eq(pupils.schoolId, school.id), isNull(pupils.closedAt));
  const [noPrimaryNeed, noProvision] = await Promise.all([
    db
      .select(columns)
      .from(pupils)
      .where(and(open, inArray(pupils.stage, withProvision), isNull(pupils.primaryNeed)))
      .orderBy(asc(pupils.familyName), asc(pupils.givenName)),
    db
      .select(columns)
      .from(pupils)
      .where(and(open, notInArray(pupils.stage, stagesOf(school.framework))))
      .orderBy(asc(pupils.familyName), asc(pupils.givenName)),
  ]);
  return {
    noPrimaryNeed: noPrimaryNeed.map((pupil) => ({
      ...pupil,
      provisionCode: framework.stages[pupil.stage]!.provisionCode,
      stageLabel: framework.stages[pupil.stage]!.label,
    })),
    noProvision,
  };
}
export type CensusCheck = Awaited<ReturnType<typeof censusCheck>>;
