import { env, runInDurableObject } from "cloudflare:test";
import { pupilCaseFor, type PupilCase } from "../../worker/pupil-case";

/** A batch of reads only (the object loads a case in one) is left alone: the writes are what is under test. */
const isRead = (statement: D1PreparedStatement) => /^\s*select\b/i.test((statement as unknown as { statement: string }).statement);

/**
 * Makes the pupil's object see a D1 whose writing batches fail at their last statement, after every other statement of the
 * batch was sent: the way to show a write leaves nothing half-done.
 */
export async function failBatchesOf(pupilId: string) {
  await runInDurableObject(pupilCaseFor(env, pupilId), (instance: PupilCase) => {
    const failing = new Proxy(env.DB, {
      get(target, property) {
        if (property === "batch") {
          return (statements: D1PreparedStatement[]) =>
            statements.every(isRead)
              ? target.batch(statements)
              : target.batch([...statements, target.prepare("INSERT INTO pupil_events (pupil_id) VALUES (NULL)")]);
        }
        const value = Reflect.get(target, property);
        return typeof value === "function" ? value.bind(target) : value;
      },
    });
    Object.assign(instance, { env: { ...env, DB: failing } });
  });
}

/** Gives the pupil's object its real D1 back. */
export async function healD1Of(pupilId: string) {
  await runInDurableObject(pupilCaseFor(env, pupilId), (instance: PupilCase) => {
    Object.assign(instance, { env });
  });
}
