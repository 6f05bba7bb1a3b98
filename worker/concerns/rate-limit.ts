/** Seconds a refused sender is asked to wait: the period of both limits in wrangler.toml. */
export const concernRetryAfterSeconds = 60;

/**
 * A public concern is allowed if neither this address nor this school has sent too many in the last minute
 * (CONCERN_BY_ADDRESS, CONCERN_BY_SCHOOL in wrangler.toml): one address cannot flood every school, nor many one school.
 * A school is counted by its link, so the limit is checked before, and without, reading the school.
 */
export async function concernAllowed(env: Pick<Env, "CONCERN_BY_ADDRESS" | "CONCERN_BY_SCHOOL">, address: string, schoolSlug: string) {
  const [byAddress, bySchool] = await Promise.all([
    env.CONCERN_BY_ADDRESS.limit({ key: `address:${address}` }),
    env.CONCERN_BY_SCHOOL.limit({ key: `school:${schoolSlug}` }),
  ]);
  return byAddress.success && bySchool.success;
}

export const clientAddress = (header: (name: string) => string | undefined) => header("CF-Connecting-IP") ?? "unknown";
