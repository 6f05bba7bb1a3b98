import { asc, eq, or, type SQL } from "drizzle-orm";
import type * as v from "valibot";
import type { localAuthorityChange, localAuthorityInput, schoolChange, schoolInput } from "../../schema/inputs";
import { localAuthorities, schools } from "../../schema/tables";
import type { Db } from "../app-env";
import { ApiError, notFound } from "../http/errors";

/** The admin's directory of LAs and schools. Nothing here reads or returns a pupil. */

type LaInput = v.InferOutput<typeof localAuthorityInput>;
type SchoolInput = v.InferOutput<typeof schoolInput>;

const taken = (field: string, message: string) => new ApiError(409, "already_taken", message, [{ field, message }]);

export const listLocalAuthorities = (db: Db) => db.select().from(localAuthorities).orderBy(asc(localAuthorities.name));

export async function addLocalAuthority(db: Db, input: LaInput) {
  await refuseTakenLaCode(db, input.code, null);
  const id = crypto.randomUUID();
  await db.insert(localAuthorities).values({ id, ...input });
  return (await db.select().from(localAuthorities).where(eq(localAuthorities.id, id)).get())!;
}

export async function changeLocalAuthority(db: Db, id: string, change: v.InferOutput<typeof localAuthorityChange>) {
  const existing = await db.select().from(localAuthorities).where(eq(localAuthorities.id, id)).get();
  if (!existing) throw notFound("Local authority");
  if (change.code) await refuseTakenLaCode(db, change.code, id);
  if (Object.keys(change).length) await db.update(localAuthorities).set(change).where(eq(localAuthorities.id, id));
  return (await db.select().from(localAuthorities).where(eq(localAuthorities.id, id)).get())!;
}

async function refuseTakenLaCode(db: Db, code: string, exceptId: string | null) {
  const holder = await db.select({ id: localAuthorities.id }).from(localAuthorities).where(eq(localAuthorities.code, code)).get();
  if (holder && holder.id !== exceptId) throw taken("code", "Another local authority has this LA number");
}

export const listSchools = (db: Db, laId?: string) =>
  db.select().from(schools).where(laId ? eq(schools.laId, laId) : undefined).orderBy(asc(schools.name)).limit(1000);

export async function addSchool(db: Db, input: SchoolInput) {
  const la = await db.select({ id: localAuthorities.id }).from(localAuthorities).where(eq(localAuthorities.id, input.laId)).get();
  if (!la) throw new ApiError(404, "not_found", "Local authority not found", [{ field: "laId", message: "No such local authority" }]);
  await refuseTakenSchoolKeys(db, input, null);
  const id = crypto.randomUUID();
  await db.insert(schools).values({ id, ...input, embedOrigins: input.embedOrigins ?? [] });
  return (await db.select().from(schools).where(eq(schools.id, id)).get())!;
}

export async function changeSchool(db: Db, id: string, change: v.InferOutput<typeof schoolChange>) {
  const existing = await db.select().from(schools).where(eq(schools.id, id)).get();
  if (!existing) throw notFound("School");
  await refuseTakenSchoolKeys(db, change, id);
  if (Object.keys(change).length) await db.update(schools).set(change).where(eq(schools.id, id));
  return (await db.select().from(schools).where(eq(schools.id, id)).get())!;
}

async function refuseTakenSchoolKeys(db: Db, keys: { urn?: string | undefined; publicSlug?: string | undefined }, exceptId: string | null) {
  const clauses: SQL[] = [];
  if (keys.urn) clauses.push(eq(schools.urn, keys.urn));
  if (keys.publicSlug) clauses.push(eq(schools.publicSlug, keys.publicSlug));
  if (!clauses.length) return;
  const holders = await db.select({ id: schools.id, urn: schools.urn, publicSlug: schools.publicSlug }).from(schools).where(or(...clauses));
  for (const holder of holders.filter((h) => h.id !== exceptId)) {
    if (holder.urn === keys.urn) throw taken("urn", "Another school has this unique reference number");
    if (holder.publicSlug === keys.publicSlug) throw taken("publicSlug", "Another school has this public address name");
  }
}
