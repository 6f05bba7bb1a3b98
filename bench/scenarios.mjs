// What each load run sends: the same work to Stepwise and to the floor, over the seeded pupils.
import { issueStaffToken } from "../worker/auth/tokens.ts";

const json = (token) => ({ "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) });

/** A token for each school's SENCO, signed as the Worker signs them. */
export async function sencoTokens(db, config) {
  const { results } = await db
    .prepare("SELECT u.id, u.role, u.token_version AS tv, s.school_id FROM staff_users u JOIN staff_schools s ON s.user_id = u.id WHERE u.role = 'senco'")
    .all();
  const now = Math.floor(Date.now() / 1000);
  const tokens = new Map();
  for (const row of results) tokens.set(row.school_id, await issueStaffToken(config, { id: row.id, role: row.role, tokenVersion: row.tv }, now));
  return tokens;
}

const roundRobin = (items) => {
  let i = 0;
  return () => items[i++ % items.length];
};

/**
 * School Action <-> School Action Plus on review, over `count` pupils: each request names the version last seen for
 * its pupil, so with many pupils nearly every move lands, and on one pupil the losers of each race get 409.
 */
export async function moveScenarios(db, tokens, count) {
  const { results } = await db
    .prepare(`SELECT p.id, p.school_id, p.version, p.stage, (SELECT r.id FROM reviews r WHERE r.pupil_id = p.id LIMIT 1) AS review
      FROM pupils p WHERE p.framework = 'england2001' AND p.stage IN ('schoolAction', 'schoolActionPlus') ORDER BY p.id LIMIT ?`)
    .bind(count)
    .all();
  const byId = new Map(results.map((p) => [p.id, { ...p }]));
  const stepwiseNext = roundRobin(results.map((p) => p.id));
  const floorNext = roundRobin(results.map((p) => p.id));
  const secondFloorNext = roundRobin(results.map((p) => p.id));
  return {
    pupils: results.length,
    stepwise: {
      next: () => {
        const pupil = byId.get(stepwiseNext());
        const move = pupil.stage === "schoolAction" ? "instigateSchoolActionPlus" : "returnToSchoolAction";
        const body = JSON.stringify({ move, expectedVersion: pupil.version, form: { kind: "review", id: pupil.review } });
        return { method: "POST", path: `/api/pupils/${pupil.id}/transitions`, headers: json(tokens.get(pupil.school_id)), body, tag: pupil.id };
      },
      answered: (status, body, id) => {
        const pupil = byId.get(id);
        const answer = JSON.parse(body);
        if (status === 200) Object.assign(pupil, { version: answer.pupil.version, stage: answer.pupil.stage });
        else if (answer.error?.currentVersion !== undefined) Object.assign(pupil, { version: answer.error.currentVersion, stage: answer.error.currentStage });
      },
    },
    floor: {
      next: () => ({
        method: "POST",
        path: `/?case=${floorNext()}`,
        headers: json(),
        body: JSON.stringify({ move: "instigateSchoolActionPlus", expectedVersion: 1 }),
      }),
    },
    secondFloor: {
      next: () => ({
        method: "POST",
        path: `/?kind=move&case=${secondFloorNext()}`,
        headers: json(),
        body: JSON.stringify({ move: "instigateSchoolActionPlus", expectedVersion: 1 }),
      }),
    },
  };
}

/**
 * A parent's concern through each school's public link (JSON, as a school website's script sends it), spread over
 * every school, each from its own address with its own Idempotency-Key, so the rate limits (per address, per school)
 * see what many parents would make, not one client hammering.
 */
export async function publicConcernScenarios(db, linkPath) {
  const { results } = await db.prepare("SELECT public_slug AS slug FROM schools ORDER BY public_slug").all();
  const stepwiseNext = roundRobin(results);
  const floorNext = roundRobin(results);
  const secondFloorNext = roundRobin(results);
  let sent = 0;
  const body = JSON.stringify({
    childName: "Sam Example",
    childDateOfBirth: "2017-05-04",
    childYearGroup: "4",
    parentName: "Alex Example",
    parentRelationship: "Parent",
    parentEmail: "alex@example.test",
    areasOfConcern: ["communicationAndInteraction"],
    description: "Sam finds it hard to follow spoken instructions and is upset after school",
  });
  return {
    stepwise: {
      next: () => {
        sent += 1;
        const headers = {
          ...json(),
          "idempotency-key": crypto.randomUUID(),
          "cf-connecting-ip": `10.${(sent >> 16) & 255}.${(sent >> 8) & 255}.${sent & 255}`,
        };
        return { method: "POST", path: linkPath.replace("{slug}", stepwiseNext().slug), headers, body };
      },
    },
    floor: { next: () => ({ method: "POST", path: `/?case=${floorNext().slug}`, headers: json(), body }) },
    secondFloor: { next: () => ({ method: "POST", path: `/?kind=concern&case=${secondFloorNext().slug}`, headers: json(), body }) },
  };
}

/**
 * One request of each kind whose D1 round trips the bench counts (on the counting bundle), with the goal for each:
 * a parent's concern, a move, a form with the decision it records (a review), and the LA officer's dashboard page.
 */
export async function roundTripProbes(url, db, tokens, officerToken, publicLink) {
  const concern = (await publicConcernScenarios(db, publicLink)).stepwise.next();
  const move = (await moveScenarios(db, tokens, 1)).stepwise.next();
  const reviewed = await db
    .prepare("SELECT id, school_id, version FROM pupils WHERE framework = 'england2001' AND stage = 'schoolActionPlus' ORDER BY id LIMIT 1")
    .first();
  const senco = json(tokens.get(reviewed.school_id));
  const options = await (await fetch(`${url}/api/pupils/${reviewed.id}/review-options`, { headers: senco })).json();
  const today = new Date().toISOString().slice(0, 10);
  const review = {
    reviewDate: today,
    contributors: [{ name: "Ms Senco", position: "SENCO" }],
    areasOfConcern: ["cognitionAndLearning"],
    evaluation: "Reviewed against the plan's targets",
    pupilViews: "Sam says reading is getting easier",
    parentViews: "Parents see more reading at home",
    externalAgencies: "None",
    signedBy: "Ms Senco",
    signedPosition: "SENCO",
    signedOn: today,
    decision: options.decisions[0].decision,
    expectedVersion: options.version,
  };
  return [
    { kind: "concern", name: "a parent's concern", goal: 2, ...concern },
    { kind: "move", name: "a move", goal: 2, ...move },
    {
      kind: "form",
      name: `a form with its decision (a review: ${review.decision})`,
      goal: 2,
      method: "POST",
      path: `/api/pupils/${reviewed.id}/reviews`,
      headers: senco,
      body: JSON.stringify(review),
    },
    {
      kind: "dashboard",
      name: "the LA dashboard page",
      goal: null,
      method: "GET",
      path: "/dashboard/la",
      headers: { authorization: `Bearer ${officerToken}` },
    },
  ];
}

/** Each probe sent once to the counting bundle: its answer, round trips and the shapes of their statements. */
export async function countRoundTrips(url, probes) {
  const counted = {};
  for (const { kind, name, goal, method, path, headers, body } of probes) {
    const response = await fetch(`${url}${path}`, { method, headers: { ...headers, "x-bench-count-rows": "1" }, body });
    await response.arrayBuffer();
    const trips = JSON.parse(response.headers.get("x-bench-trips") ?? "[]");
    const inWorker = trips.filter((trip) => trip.in === "worker").length;
    counted[kind] = {
      name,
      goal,
      status: response.status,
      roundTrips: trips.length,
      inWorker,
      inObject: trips.length - inWorker,
      statements: trips.reduce((n, trip) => n + trip.statements.length, 0),
      trips,
    };
  }
  return counted;
}
