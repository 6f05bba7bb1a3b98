import {
  assessmentRow,
  clockRow,
  dayPlus,
  drsRow,
  insertRows,
  interventionRow,
  laRow,
  meetingRow,
  planRow,
  pupilRow,
  schoolRow,
  staffRow,
  targetRow,
} from "./dashboard-seed";

/**
 * Two LAs with known figures (the expected counts are written beside the rows in the tests that read them):
 * LA "Northshire" has Ashby (2014 Code) and Brook (2001 Code); LA "Southshire" has Corby (2014 Code).
 */
export async function seedTwoLas(d1: D1Database, today: string, passwords: { hash: string; salt: string } | null = null) {
  const north = laRow("Northshire");
  const south = laRow("Southshire");
  const ashby = schoolRow(north.id, "england2014", "Ashby Primary");
  const brook = schoolRow(north.id, "england2001", "Brook Primary");
  const corby = schoolRow(south.id, "england2014", "Corby Primary");

  const named = (given: string, family: string) => ({ given_name: given, family_name: family });
  const ashbyPupils = {
    amy: pupilRow(ashby, "senSupportPlan", ["cognitionAndLearning"], { ...named("Amy", "Adams"), primary_need: "SPLD" }),
    ben: pupilRow(ashby, "senSupportPlan", ["cognitionAndLearning", "communicationAndInteraction"], named("Ben", "Baker")),
    // A name a spreadsheet would run as a formula, with a comma and quotes: the CSV must neither run nor break it.
    cal: pupilRow(ashby, "senSupportPlan", ["communicationAndInteraction"], named('=HYPERLINK("http://evil.test")', "Carter, Jr")),
    dee: pupilRow(ashby, "ehcPlan", ["sensoryPhysical"], named("Dee", "Dunn")),
    eli: pupilRow(ashby, "ehcPlan", ["sensoryPhysical"], named("Eli", "Evans")),
    fay: pupilRow(ashby, "concernRaised", [], named("Fay", "Ford")),
    gus: pupilRow(ashby, "senSupportPlan", ["cognitionAndLearning"], { ...named("Gus", "Gray"), closed_at: "2026-01-01T00:00:00Z" }),
  };
  const brookPupils = {
    hal: pupilRow(brook, "schoolAction", ["cognitionAndLearning"], named("Hal", "Hill")),
    ivy: pupilRow(brook, "schoolAction", [], named("Ivy", "Irwin")),
    jon: pupilRow(brook, "statement", ["sensory"], named("Jon", "Jones")),
  };
  const corbyPupils = [
    ...Array.from({ length: 4 }, (_, i) => pupilRow(corby, "senSupportPlan", ["cognitionAndLearning"], named(`Kit${i}`, "Kent"))),
    pupilRow(corby, "ehcPlan", ["socialEmotionalMentalHealth"], named("Lou", "Lane")),
  ];
  const [kit] = corbyPupils as [ReturnType<typeof pupilRow>];

  const officer = staffRow("laOfficer", north.id, {
    ...(passwords && { password_hash: passwords.hash, password_salt: passwords.salt }),
    name: "Olive Officer",
  });
  const southOfficer = staffRow("laOfficer", south.id, passwords ? { password_hash: passwords.hash, password_salt: passwords.salt } : {});
  const senco = staffRow("senco", north.id, { ...(passwords && { password_hash: passwords.hash, password_salt: passwords.salt }), name: "Sam Senco" });
  const teacher = staffRow("teacher", north.id);
  const brookSenco = staffRow("senco", north.id);

  const reading = interventionRow(ashby.id, "Reading catch-up", { cost_per_term_pence: 60000 });
  const lego = interventionRow(ashby.id, "Lego therapy", {
    area_of_need: "communicationAndInteraction",
    group_size: "1:3",
    frequency: "Weekly, 45 minutes",
    staff: "SENCO",
    cost_per_term_pence: 15000,
  });
  const amyPlan = planRow(ashbyPupils.amy, dayPlus(today, -60), dayPlus(today, 20), dayPlus(today, -55));
  const benPlan = planRow(ashbyPupils.ben, dayPlus(today, -90), dayPlus(today, -10), null);
  const calPlan = planRow(ashbyPupils.cal, dayPlus(today, -40), dayPlus(today, 40), dayPlus(today, -38));

  await insertRows(d1, "local_authorities", [north, south]);
  await insertRows(d1, "schools", [ashby, brook, corby]);
  await insertRows(d1, "pupils", [...Object.values(ashbyPupils), ...Object.values(brookPupils), ...corbyPupils]);
  await insertRows(d1, "staff_users", [officer, southOfficer, senco, teacher, brookSenco]);
  await insertRows(d1, "staff_schools", [
    { user_id: senco.id, school_id: ashby.id },
    { user_id: teacher.id, school_id: ashby.id },
    { user_id: brookSenco.id, school_id: brook.id },
  ]);
  await insertRows(d1, "clocks", [
    clockRow(ashbyPupils.amy, "planReview", dayPlus(today, -10)), // overdue 10 days
    clockRow(ashbyPupils.ben, "reviewsTwiceYearly", dayPlus(today, -3)), // overdue 3 days
    clockRow(ashbyPupils.cal, "planReview", dayPlus(today, -30), { stopped_at: dayPlus(today, -29) }), // stopped: not overdue
    clockRow(ashbyPupils.dee, "ehcFinalPlan", dayPlus(today, -5)), // not a review
    clockRow(ashbyPupils.gus, "planReview", dayPlus(today, -50)), // closed pupil: not counted
    clockRow(brookPupils.hal, "planReview", dayPlus(today, 5)), // not yet due
    clockRow(ashbyPupils.ben, "drsMeetingOffered", dayPlus(today, -2)), // the DRS referral's next deadline, missed
    clockRow(kit, "planReview", dayPlus(today, -20)), // the other LA
  ]);
  await insertRows(d1, "drs_referrals", [
    drsRow(ashbyPupils.ben, "drsContactedParties", `${dayPlus(today, -20)}T09:00:00.000Z`),
    drsRow(brookPupils.hal, "agreementReached", `${dayPlus(today, -80)}T09:00:00.000Z`), // closed
    drsRow(kit, "referralSubmitted", `${dayPlus(today, -5)}T09:00:00.000Z`), // the other LA
  ]);
  await insertRows(d1, "assessment_requests", [
    assessmentRow(ashbyPupils.dee, "ehcNeedsAssessment", dayPlus(today, -50)), // 6 weeks passed 8 days ago; 20 weeks in 90 days
    assessmentRow(brookPupils.jon, "statutoryAssessment", dayPlus(today, -10), { la_decision: "agreed", la_decision_on: dayPlus(today, -5) }),
    assessmentRow(kit, "ehcNeedsAssessment", dayPlus(today, -3)),
  ]);
  await insertRows(d1, "interventions", [reading, lego]);
  await insertRows(d1, "plans", [amyPlan, benPlan, calPlan]);
  await insertRows(d1, "plan_targets", [
    targetRow(amyPlan.id, 1, reading.id, "achieved"),
    targetRow(amyPlan.id, 2, reading.id, "partlyAchieved"),
    targetRow(benPlan.id, 1, reading.id, "achieved"),
    targetRow(benPlan.id, 2, lego.id, "notAchieved"),
    targetRow(calPlan.id, 1, lego.id, null),
  ]);
  await insertRows(d1, "parent_meetings", [meetingRow(ashbyPupils.amy, dayPlus(today, -20)), meetingRow(ashbyPupils.amy, dayPlus(today, -80))]);

  return { north, south, ashby, brook, corby, ashbyPupils, brookPupils, corbyPupils, officer, southOfficer, senco, teacher, brookSenco, reading, lego };
}
