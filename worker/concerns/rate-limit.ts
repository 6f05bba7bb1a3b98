/** Seconds a refused sender is asked to wait: the period of both limits in wrangler.toml. */
export const concernRetryAfterSeconds = 60;

/**
 * A public concern about to be stored is allowed if neither this address nor this school has stored too many in the
 * last minute (CONCERN_BY_ADDRESS, CONCERN_BY_SCHOOL in wrangler.toml): one address cannot flood every school, nor
 * many one school. Only what would be stored is counted: the caller asks after the form is valid and the honeypot
 * empty, and the school is counted only once the address is let through, so a sender refused for their own flood
 * never spends the allowance the school's real parents share.
 */
export async function concernAllowed(env: Pick<Env, "CONCERN_BY_ADDRESS" | "CONCERN_BY_SCHOOL">, address: string, schoolId: string) {
  if (!(await env.CONCERN_BY_ADDRESS.limit({ key: `address:${address}` })).success) return false;
  return (await env.CONCERN_BY_SCHOOL.limit({ key: `school:${schoolId}` })).success;
}
