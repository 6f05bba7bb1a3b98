/** Rows for the browser tests, written straight into the local Worker's D1. Fresh ids every call. */
export async function insertSchool(db: D1Database, options: { framework?: string; embedOrigins?: string[]; slug?: string } = {}) {
  const laId = crypto.randomUUID();
  const school = { id: crypto.randomUUID(), laId, name: "Conway Street Primary", publicSlug: options.slug ?? `conway-${crypto.randomUUID().slice(0, 8)}` };
  await db.batch([
    db.prepare("INSERT INTO local_authorities (id, name, code, region) VALUES (?, 'Wirral', ?, 'englandAndWales')").bind(laId, laId.slice(0, 8)),
    db
      .prepare(
        "INSERT INTO schools (id, la_id, name, urn, phase, framework, public_slug, embed_origins, region) VALUES (?, ?, ?, ?, 'primary', ?, ?, ?, 'englandAndWales')",
      )
      .bind(school.id, laId, school.name, school.id, options.framework ?? "england2001", school.publicSlug, JSON.stringify(options.embedOrigins ?? [])),
  ]);
  return school;
}
