import { asc, eq, or, type SQL } from "drizzle-orm";
import type * as v from "valibot";
import type { localAuthorityChange, localAuthorityInput, schoolChange, schoolInput } from "../../schema/inputs";
import { localAuthorities, schools } from "../../schema/tables";
import type { Db } from "../app-env";
import { notFound } from "../http/errors";
import { recordRefusal } from "../records/refusal";

/** The admin's directory of LAs and schools. Nothing here reads or returns a pupil; a key already taken is a refusal, as data. */

type LaInput = v.InferOutput<typeof localAuthorityInput>;
type SchoolInput = v.InferOutput<typeof schoolInput>;

const saved = <T>(value: T) => ({ ok: true, value }) as const;
const laNumberTaken = () =>
  recordRefusal({
    code: "la_number_taken",
    message: "Another local authority has this LA number",
    field: "code",
    fieldMessage: "Give this local authority's own LA number",
  });
const urnTaken = () =>
  recordRefusal({ code: "urn_taken", message: "Another school has this unique reference number", field: "urn", fieldMessage: "Give this school's own URN" });
const slugTaken = () =>
  recordRefusal({
    code: "slug_taken",
    message: "Another school has this public address name",
    field: "publicSlug",
    fieldMessage: "Choose another public address name",
  });
const noSuchLa = () =>
  recordRefusal({ code: "no_such_la", message: "The local authority could not be found", field: "laId", fieldMessage: "Select one of the local authorities" });

export const listLocalAuthorities = (db: Db) => db.select().from(localAuthorities).orderBy(asc(localAuthorities.name));

export async function addLocalAuthority(db: Db, input: LaInput) {
  if (await laNumberHeldByAnother(db, input.code, null)) return laNumberTaken();
  // The unique LA number keeps one of two posts sent at once (a double click): the other is told it is taken.
  const [added] = await db
    .insert(localAuthorities)
    .values({ id: crypto.randomUUID(), ...input })
    .onConflictDoNothing()
    .returning();
  return added ? saved(added) : laNumberTaken();
}

export async function changeLocalAuthority(db: Db, id: string, change: v.InferOutput<typeof localAuthorityChange>) {
  const existing = await db.select().from(localAuthorities).where(eq(localAuthorities.id, id)).get();
  if (!existing) throw notFound("Local authority");
  if (change.code && (await laNumberHeldByAnother(db, change.code, id))) return laNumberTaken();
  if (Object.keys(change).length) await db.update(localAuthorities).set(change).where(eq(localAuthorities.id, id));
  return saved((await db.select().from(localAuthorities).where(eq(localAuthorities.id, id)).get())!);
}

async function laNumberHeldByAnother(db: Db, code: string, exceptId: string | null) {
  const holder = await db.select({ id: localAuthorities.id }).from(localAuthorities).where(eq(localAuthorities.code, code)).get();
  return holder !== undefined && holder.id !== exceptId;
}

export const listSchools = (db: Db, laId?: string) =>
  db
    .select()
    .from(schools)
    .where(laId ? eq(schools.laId, laId) : undefined)
    .orderBy(asc(schools.name))
    .limit(1000);

export async function addSchool(db: Db, input: SchoolInput) {
  const la = await db.select({ id: localAuthorities.id }).from(localAuthorities).where(eq(localAuthorities.id, input.laId)).get();
  if (!la) return noSuchLa();
  const taken = await takenSchoolKey(db, input, null);
  if (taken) return taken;
  // The unique URN and public address keep one of two posts sent at once (a double click): the other is told which is taken.
  const [added] = await db
    .insert(schools)
    .values({ id: crypto.randomUUID(), ...input, embedOrigins: input.embedOrigins ?? [] })
    .onConflictDoNothing()
    .returning();
  return added ? saved(added) : ((await takenSchoolKey(db, input, null)) ?? urnTaken());
}

export async function changeSchool(db: Db, id: string, change: v.InferOutput<typeof schoolChange>) {
  const existing = await db.select().from(schools).where(eq(schools.id, id)).get();
  if (!existing) throw notFound("School");
  const taken = await takenSchoolKey(db, change, id);
  if (taken) return taken;
  if (Object.keys(change).length) await db.update(schools).set(change).where(eq(schools.id, id));
  return saved((await db.select().from(schools).where(eq(schools.id, id)).get())!);
}

async function takenSchoolKey(db: Db, keys: { urn?: string | undefined; publicSlug?: string | undefined }, exceptId: string | null) {
  const clauses: SQL[] = [];
  if (keys.urn) clauses.push(eq(schools.urn, keys.urn));
  if (keys.publicSlug) clauses.push(eq(schools.publicSlug, keys.publicSlug));
  if (!clauses.length) return null;
  const holders = await db
    .select({ id: schools.id, urn: schools.urn, publicSlug: schools.publicSlug })
    .from(schools)
    .where(or(...clauses));
  const others = holders.filter((holder) => holder.id !== exceptId);
  if (others.some((holder) => holder.urn === keys.urn)) return urnTaken();
  if (others.some((holder) => holder.publicSlug === keys.publicSlug)) return slugTaken();
  return null;
}
