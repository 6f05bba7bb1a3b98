/**
 * Writes the local demo data as SQL: one LA, three schools (one per framework), staff with demo logins, and about
 * fifty pupils a school spread over every stage. Each pupil reaches its stage through the real workflow
 * (transition()), so histories, forms and clocks are what the product itself would have written.
 *
 *   npx tsx scripts/demo-data.ts > .wrangler/demo.sql
 */
import { getTableColumns } from "drizzle-orm";
import { getTableConfig, type SQLiteTable } from "drizzle-orm/sqlite-core";
import { withUpnCheckLetter } from "../schema/rules";
import * as tables from "../schema/tables";
import type { FormKind, FrameworkId, StaffRole } from "../schema/vocab";
import { hashPassword } from "../worker/auth/password";
import type { FrameworkDefinition } from "../worker/workflow/definition";
import { frameworks } from "../worker/workflow/frameworks";
import { resolveTimescales } from "../worker/workflow/timescales";
import { transition, type PupilCaseState } from "../worker/workflow/transition";

// Calendar arithmetic is in UTC, as in the Workers runtime.
process.env.TZ = "UTC";

export const demoPassword = "stepwise-demo";
const today = process.env.DEMO_TODAY ?? new Date().toISOString().slice(0, 10);

/** A small seeded generator (mulberry32, in 32-bit integer arithmetic), so every run writes the same demo. */
let seed = 20261123;
const random = () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
const uuid = () => {
  const hex = Array.from({ length: 32 }, () => Math.floor(random() * 16).toString(16)).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
};
const addDays = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

const statements: string[] = [];

function sqlLiteral(value: unknown): string {
  if (value === null || value === undefined) return "NULL";
  if (typeof value === "number") return String(value);
  if (typeof value === "boolean") return value ? "1" : "0";
  return `'${String(value).replaceAll("'", "''")}'`;
}

/** An INSERT for a row written with the table's own column names and value mapping (JSON, booleans). */
function insert<T extends SQLiteTable>(table: T, row: T["$inferInsert"]) {
  const columns = getTableColumns(table);
  const names: string[] = [];
  const values: string[] = [];
  for (const [key, value] of Object.entries(row)) {
    const column = columns[key];
    if (!column || value === undefined) continue;
    names.push(`"${column.name}"`);
    values.push(sqlLiteral(column.mapToDriverValue(value)));
  }
  statements.push(`INSERT INTO "${getTableConfig(table).name}" (${names.join(", ")}) VALUES (${values.join(", ")});`);
}

/** The shortest run of moves from the framework's first stage to `target`, so every demo stage is reachable honestly. */
function pathTo(framework: FrameworkDefinition, target: string): string[] {
  const queue: { stage: string; moves: string[] }[] = [{ stage: framework.initialStage, moves: [] }];
  const seen = new Set([framework.initialStage]);
  while (queue.length) {
    const { stage, moves } = queue.shift()!;
    if (stage === target) return moves;
    for (const [id, move] of Object.entries(framework.moves)) {
      if (!move.from.includes(stage) || move.to === "stay" || seen.has(move.to)) continue;
      seen.add(move.to);
      queue.push({ stage: move.to, moves: [...moves, id] });
    }
  }
  throw new Error(`${framework.id}: no path to ${target}`);
}

const givenNames = [
  "Amara",
  "Ben",
  "Chloe",
  "Dylan",
  "Ella",
  "Finley",
  "Grace",
  "Harvey",
  "Isla",
  "Jack",
  "Keira",
  "Leo",
  "Maya",
  "Noah",
  "Olivia",
  "Priya",
  "Reuben",
  "Sofia",
  "Theo",
  "Zara",
];
const familyNames = [
  "Ahmed",
  "Brown",
  "Campbell",
  "Davies",
  "Evans",
  "Fraser",
  "Green",
  "Hughes",
  "Iqbal",
  "Jones",
  "Kowalski",
  "Lewis",
  "Murphy",
  "Nowak",
  "O'Brien",
  "Patel",
  "Quinn",
  "Roberts",
  "Singh",
  "Taylor",
  "Walsh",
  "Young",
];
const areas2001 = ["cognitionAndLearning", "emotionalBehaviouralSocial", "communicationAndInteraction", "sensory", "physicalMedical"] as const;
const areas2014 = ["communicationAndInteraction", "cognitionAndLearning", "socialEmotionalMentalHealth", "sensoryPhysical"] as const;
const needs = ["SPLD", "MLD", "SEMH", "SLCN", "ASD", "HI", "VI", "PD"] as const;

/** Each school's provision map: the interventions its plans' targets are delivered through. */
const interventionSpecs = [
  { name: "Precision teaching", groupSize: "1:1", frequency: "Daily, 10 minutes", staff: "Teaching assistant", costPerTermPence: 18_000 },
  { name: "Toe by Toe", groupSize: "1:1", frequency: "Three times a week, 20 minutes", staff: "Teaching assistant", costPerTermPence: 24_000 },
  { name: "Lexia", groupSize: "Group of 4", frequency: "Twice a week, 30 minutes", staff: "Class teacher", costPerTermPence: 9_000 },
  { name: "Speech Link", groupSize: "Group of 3", frequency: "Weekly, 30 minutes", staff: "Speech and language assistant", costPerTermPence: 15_000 },
] as const;
const interventionIds = new Map<string, string[]>();

function formFor(kind: FormKind, pupilId: string, schoolId: string, laId: string, stage: string, on: string, framework: FrameworkId) {
  const id = uuid();
  const area = framework === "england2001" ? pick(areas2001) : pick(areas2014);
  switch (kind) {
    case "recordOfConcern":
      insert(tables.recordsOfConcern, {
        id,
        pupilId,
        schoolId,
        raisedBy: "staff",
        contributors: [{ name: "Class teacher", position: "Teacher" }],
        areasOfConcern: [area],
        description: "Progress in reading and writing well below that of peers despite differentiated teaching.",
        evidence: "Reading age 18 months below chronological age (standardised test).",
        strategiesUsed: "Small-group guided reading three times a week; visual timetable.",
        strategyOutcomes: "Some gains in phonics; comprehension unchanged.",
        parentDiscussion: "Parents share the concern and will read with the pupil daily.",
        createdAt: `${on}T09:00:00.000Z`,
      });
      break;
    case "plan":
      insert(tables.plans, {
        id,
        pupilId,
        schoolId,
        stage,
        objective: "Read and spell high-frequency words",
        baseline: "Reads 40 of the first 100 words",
        dateWritten: on,
        reviewDate: addDays(on, 70),
        copyGivenToParentOn: addDays(on, 2),
      });
      for (const position of [1, 2, 3]) {
        insert(tables.planTargets, {
          id: uuid(),
          planId: id,
          position,
          target: `Target ${position}: read ${10 * position} more words`,
          successCriteria: "4 out of 5 sessions",
          materials: "Word cards",
          methods: "Precision teaching",
          deliveredBy: "Teaching assistant",
          groupSize: "1:1",
          frequency: "Daily, 10 minutes",
          interventionId: pick(interventionIds.get(schoolId)!),
        });
      }
      break;
    case "review":
      insert(tables.reviews, {
        id,
        pupilId,
        schoolId,
        stage,
        reviewDate: on,
        areasOfConcern: [area],
        evaluation: "Two of three targets met; strategies kept.",
        parentViews: "Pleased with progress at home.",
        signedBy: "SENCO",
        signedPosition: "SENCO",
        signedOn: on,
        copySentToParentsOn: addDays(on, 3),
      });
      break;
    case "parentMeeting":
      insert(tables.parentMeetings, {
        id,
        pupilId,
        schoolId,
        heldOn: on,
        outcomesAgreed: "Agreed the outcomes sought and the support at home.",
        recordGivenToParentsOn: addDays(on, 1),
      });
      break;
    case "specialistInvolvement":
      insert(tables.specialistInvolvements, {
        id,
        pupilId,
        schoolId,
        service: pick(["Educational psychologist", "Speech and language therapy", "CAMHS"]),
        requestedOn: on,
        parentsAgreedOn: on,
      });
      break;
    case "assessmentRequest":
      insert(tables.assessmentRequests, {
        id,
        pupilId,
        schoolId,
        laId,
        kind: framework === "england2001" ? "statutoryAssessment" : framework === "england2014" ? "ehcNeedsAssessment" : "exceptionalActionAssessment",
        requestedBy: "school",
        requestedOn: on,
        reasons: "Little progress over successive cycles of support.",
      });
      break;
  }
  return { kind, id };
}

async function main() {
  const hashed = await hashPassword(demoPassword);
  const la = { id: uuid(), name: "Wirral (demo)", code: "344", region: "englandAndWales" as const };
  insert(tables.localAuthorities, la);

  const schoolSpecs: { name: string; framework: FrameworkId; slug: string; region: "englandAndWales" | "jersey"; key: string }[] = [
    { name: "Hamilton Primary School", framework: "england2014", slug: "hamilton-primary", region: "englandAndWales", key: "hamilton" },
    { name: "Conway Street Primary School", framework: "england2001", slug: "conway-street-primary", region: "englandAndWales", key: "conway" },
    { name: "St Helier Primary School", framework: "recordOfNeed", slug: "st-helier-primary", region: "jersey", key: "sthelier" },
  ];

  const staff = (email: string, name: string, role: StaffRole, laId: string | null, schoolIds: string[]) => {
    const id = uuid();
    insert(tables.staffUsers, { id, email, name, role, laId, passwordHash: hashed.hash, passwordSalt: hashed.salt });
    for (const schoolId of schoolIds) insert(tables.staffSchools, { userId: id, schoolId });
    return id;
  };
  staff("admin@stepwise.demo", "Demo Admin", "admin", null, []);
  staff("la.officer@stepwise.demo", "Lee Officer", "laOfficer", la.id, []);

  let upnCounter = 1;
  for (const spec of schoolSpecs) {
    const school = {
      id: uuid(),
      laId: la.id,
      name: spec.name,
      urn: String(100_000 + upnCounter),
      phase: "primary" as const,
      framework: spec.framework,
      publicSlug: spec.slug,
      embedOrigins: ["http://localhost:8788"],
      region: spec.region,
    };
    insert(tables.schools, school);
    interventionIds.set(
      school.id,
      interventionSpecs.map((spec) => {
        const interventionId = uuid();
        insert(tables.interventions, { id: interventionId, schoolId: school.id, ...spec });
        return interventionId;
      }),
    );
    staff(`senco@${spec.key}.stepwise.demo`, `${spec.name} SENCO`, "senco", la.id, [school.id]);
    staff(`head@${spec.key}.stepwise.demo`, `${spec.name} Head`, "head", la.id, [school.id]);
    const teacherId = staff(`teacher@${spec.key}.stepwise.demo`, `${spec.name} Teacher`, "teacher", la.id, [school.id]);

    const framework: FrameworkDefinition = frameworks[spec.framework];
    const stages = Object.keys(framework.stages);
    const perStage = Math.max(3, Math.round(50 / stages.length));
    const timescales = resolveTimescales({});
    for (const stage of stages) {
      for (let n = 0; n < perStage; n++) {
        const pupilId = uuid();
        const start = addDays(today, -(120 + Math.floor(random() * 420)));
        insert(tables.pupils, {
          id: pupilId,
          // Wirral is LA 344; each demo school has its own establishment number; all allocated in 2024.
          upn: withUpnCheckLetter(`344${String(2001 + schoolSpecs.indexOf(spec)).padStart(4, "0")}24${String(upnCounter++).padStart(3, "0")}`),
          givenName: pick(givenNames),
          familyName: pick(familyNames),
          dateOfBirth: addDays("2015-09-01", Math.floor(random() * 2000)),
          yearGroup: pick(["1", "2", "3", "4", "5", "6"] as const),
          schoolId: school.id,
          laId: la.id,
          framework: spec.framework,
          stage: framework.initialStage,
          version: 0,
          primaryNeed: stage === framework.initialStage ? null : pick(needs),
          createdAt: `${start}T08:00:00.000Z`,
        });
        if (n === 0) insert(tables.teachingAssignments, { userId: teacherId, pupilId });
        const event = (
          seq: number,
          at: string,
          move: string,
          fromStage: string | null,
          toStage: string,
          cycle: number,
          form: { kind: FormKind; id: string } | null,
        ) => {
          insert(tables.pupilEvents, {
            pupilId,
            seq,
            at,
            actorRole: framework.moves[move]?.decidedBy === "authority" ? "laOfficer" : "senco",
            move,
            fromStage,
            toStage,
            cycle,
            reason: "Demo history",
            formKind: form?.kind ?? null,
            formId: form?.id ?? null,
          });
          statements.push(`UPDATE "pupils" SET "version" = ${seq}, "stage" = ${sqlLiteral(toStage)}, "cycle" = ${cycle} WHERE "id" = ${sqlLiteral(pupilId)};`);
        };
        event(1, `${start}T08:00:00.000Z`, "enrol", null, framework.initialStage, 0, null);

        let state: PupilCaseState = { framework: spec.framework, stage: framework.initialStage, cycle: 0, version: 1 };
        const running = new Map<string, typeof tables.clocks.$inferInsert>();
        const moves = pathTo(framework, stage);
        const gap = Math.max(7, Math.floor((Date.parse(today) - Date.parse(start)) / 86_400_000 / (moves.length + 1)));
        let on = start;
        const apply = (move: string) => {
          on = addDays(on, gap);
          const definition = framework.moves[move]!;
          const form = definition.form ? formFor(definition.form, pupilId, school.id, la.id, state.stage, on, spec.framework) : null;
          const decided = transition(
            framework,
            state,
            {
              move,
              expectedVersion: state.version,
              actor: { userId: null, role: definition.decidedBy === "authority" ? "laOfficer" : "senco" },
              reason: "Demo history",
              form,
            },
            { at: `${on}T10:00:00.000Z`, timescales, region: spec.region },
          );
          if (!decided.ok) throw new Error(`${spec.framework} ${move}: ${decided.refusal.message}`);
          event(decided.event.seq, decided.event.at, move, decided.event.fromStage, decided.event.toStage, decided.event.cycle, form);
          for (const effect of decided.effects) {
            if (effect.kind === "stopClock") running.delete(effect.clock);
            if (effect.kind === "startClock") {
              running.set(effect.clock, {
                id: uuid(),
                pupilId,
                schoolId: school.id,
                laId: la.id,
                kind: effect.clock,
                startedOn: effect.startedOn,
                dueOn: effect.dueOn,
                timescale: { amount: effect.timescale.amount, unit: effect.timescale.unit, source: effect.timescale.source },
                startedBySeq: decided.event.seq,
              });
            }
          }
          state = decided.state;
        };
        for (const move of moves) {
          // A move that needs successive cycles first (seed 001) is preceded by the cycles it needs.
          const needed = framework.moves[move]!.minimumCycles ?? 0;
          const nextCycle = Object.entries(framework.moves).find(([, m]) => m.to === "stay" && m.cycle === "next" && m.from.includes(state.stage));
          while (state.cycle < needed && nextCycle) apply(nextCycle[0]);
          apply(move);
        }
        for (const clock of running.values()) insert(tables.clocks, clock);
      }
    }
  }
  process.stdout.write(`${statements.join("\n")}\n`);
}

await main();
