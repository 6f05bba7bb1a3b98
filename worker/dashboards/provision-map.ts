import { and, asc, eq, inArray, isNull } from "drizzle-orm";
import { interventionPupils, interventions, planTargets, plans, pupils } from "../../schema/tables";
import { costPerPupilPence } from "../records/intervention-costs";
import type { Db } from "../app-env";
import type { Table } from "./table";
import { areaLabel, fullName, pounds } from "./words";
import { dayInWords } from "../calendar/day-words";

export type ProvisionRow = {
  interventionId: string;
  intervention: string;
  areaOfNeed: string;
  groupSize: string;
  frequency: string;
  staff: string;
  costPerTerm: string;
  costPerPupil: string;
  pupilCount: number;
  pupils: string;
  achieved: number;
  partlyAchieved: number;
  notAchieved: number;
  notYetReviewed: number;
  achievedShare: string;
  status: string;
};

/**
 * The school's provision map (SEND Code 6.76-6.77): each intervention with its group, frequency, staff and cost, the
 * pupils whose plan targets it delivers, and how those targets went, so the school keeps what works.
 */
export async function provisionMap(db: Db, schoolId: string): Promise<Table<ProvisionRow>> {
  const catalogue = await db.select().from(interventions).where(eq(interventions.schoolId, schoolId)).orderBy(asc(interventions.name));
  const ids = catalogue.map((intervention) => intervention.id);
  const targets = ids.length
    ? await db
        .select({
          interventionId: planTargets.interventionId,
          outcome: planTargets.outcome,
          pupilId: pupils.id,
          givenName: pupils.givenName,
          familyName: pupils.familyName,
        })
        .from(planTargets)
        .innerJoin(plans, eq(plans.id, planTargets.planId))
        .innerJoin(pupils, eq(pupils.id, plans.pupilId))
        .where(inArray(planTargets.interventionId, ids))
    : [];
  const attending = ids.length
    ? await db
        .select({ interventionId: interventionPupils.interventionId, pupilId: pupils.id, givenName: pupils.givenName, familyName: pupils.familyName })
        .from(interventionPupils)
        .innerJoin(pupils, eq(pupils.id, interventionPupils.pupilId))
        .where(and(inArray(interventionPupils.interventionId, ids), isNull(interventionPupils.endedOn)))
    : [];
  return {
    title: "Provision map",
    columns: [
      { key: "intervention", label: "Intervention" },
      { key: "areaOfNeed", label: "Area of need" },
      { key: "groupSize", label: "Group size" },
      { key: "frequency", label: "Frequency" },
      { key: "staff", label: "Staff" },
      { key: "costPerTerm", label: "Cost per term" },
      { key: "costPerPupil", label: "Cost per pupil per term" },
      { key: "pupilCount", label: "Pupils", numeric: true },
      { key: "pupils", label: "Pupils on it" },
      { key: "achieved", label: "Targets achieved", numeric: true },
      { key: "partlyAchieved", label: "Partly achieved", numeric: true },
      { key: "notAchieved", label: "Not achieved", numeric: true },
      { key: "notYetReviewed", label: "Not yet reviewed", numeric: true },
      { key: "achievedShare", label: "Achieved of reviewed" },
      { key: "status", label: "Running" },
    ],
    rows: catalogue.map((intervention) => {
      const mine = targets.filter((target) => target.interventionId === intervention.id);
      const onIt = attending.filter((row) => row.interventionId === intervention.id);
      // The pupils on it now share its cost; a pupil whose targets it delivered is on the map too.
      const names = new Map([...onIt, ...mine].map((row) => [row.pupilId, fullName(row)]));
      const share = costPerPupilPence(intervention.costPerTermPence, onIt.length || names.size);
      const count = (outcome: string | null) => mine.filter((target) => target.outcome === outcome).length;
      const reviewed = mine.length - count(null);
      return {
        interventionId: intervention.id,
        intervention: intervention.name,
        areaOfNeed: intervention.areaOfNeed ? areaLabel(intervention.areaOfNeed) : "",
        groupSize: intervention.groupSize,
        frequency: intervention.frequency,
        staff: intervention.staff,
        costPerTerm: pounds(intervention.costPerTermPence),
        costPerPupil: share === null ? "" : pounds(share),
        pupilCount: names.size,
        pupils: [...names.values()].sort().join("; "),
        achieved: count("achieved"),
        partlyAchieved: count("partlyAchieved"),
        notAchieved: count("notAchieved"),
        notYetReviewed: count(null),
        achievedShare: reviewed ? `${Math.round((100 * count("achieved")) / reviewed)}%` : "",
        status: intervention.active ? "Yes" : intervention.endedOn ? `Stopped on ${dayInWords(intervention.endedOn)}` : "Stopped",
      };
    }),
    next: null,
  };
}
