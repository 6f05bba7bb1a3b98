import { api } from "./world";

/** Bodies of the seed forms, valid as they stand; tests change one field at a time. */

export const smartTarget = (n: number) => ({
  target: `Target ${n}: reads 20 high-frequency words`,
  successCriteria: "Reads them aloud without help on three occasions",
  materials: "Precision teaching cards",
  methods: "Precision teaching",
  deliveredBy: "Teaching assistant",
  groupSize: "One to one",
  frequency: "Ten minutes a day",
});

const planBase = {
  kind: "iep",
  objective: "To read and spell the first 100 high-frequency words",
  baseline: "Reads 35 of the first 100 words",
  targets: [smartTarget(1), smartTarget(2), smartTarget(3)],
  dateWritten: "2026-09-14",
  reviewDate: "2026-12-07",
  supportAtHome: "Read together for ten minutes each evening",
  pupilViews: "I want to read comics on my own",
  parentViews: "We are happy to practise the words at home",
};
export const planBody = <T extends object = Record<never, never>>(overrides?: T): typeof planBase & T => ({ ...planBase, ...(overrides as T) });

const reviewBase = {
  reviewDate: "2026-11-23",
  contributors: [
    { name: "Ms Senco", position: "SENCO" },
    { name: "Mr Parent", position: "Father" },
  ],
  areasOfConcern: ["cognitionAndLearning"],
  evaluation: "Now reads 70 of the first 100 words",
  pupilViews: "Sam says reading is getting easier",
  parentViews: "Parents see more reading at home",
  externalAgencies: "None",
  signedBy: "Ms Senco",
  signedPosition: "SENCO",
  signedOn: "2026-11-24",
};
export const reviewBody = <T extends object = Record<never, never>>(overrides?: T): typeof reviewBase & T => ({ ...reviewBase, ...(overrides as T) });

export async function writePlan(pupilId: string, headers: Record<string, string>, overrides: Record<string, unknown> = {}) {
  const written = await api(`/api/pupils/${pupilId}/plans`, { headers, body: planBody(overrides) });
  if (written.status !== 201) throw new Error(`plan failed: ${JSON.stringify(written.json)}`);
  return written.json.plan as { id: string; targets: { id: string }[] };
}

export async function currentVersion(pupilId: string, headers: Record<string, string>): Promise<number> {
  return (await api(`/api/pupils/${pupilId}`, { headers })).json.pupil.version;
}
