import jwt from "@tsndr/cloudflare-worker-jwt";
import * as v from "valibot";
import { staffRoles } from "../../schema/vocab";

const algorithm = "HS256";

const staffClaims = v.object({
  sub: v.pipe(v.string(), v.minLength(1)),
  iss: v.string(),
  aud: v.string(),
  exp: v.number(),
  iat: v.number(),
  /** When the person signed in with their password: renewals keep it, so no session outlives the maximum. */
  at: v.pipe(v.number(), v.integer()),
  role: v.picklist(staffRoles),
  /** The user's token version when the token was issued; a later sign-out raises it. */
  tv: v.pipe(v.number(), v.integer()),
});
export type StaffClaims = v.InferOutput<typeof staffClaims>;

type TokenConfig = Pick<Env, "JWT_SECRET" | "JWT_ISSUER" | "JWT_AUDIENCE" | "SESSION_IDLE_SECONDS" | "SESSION_MAX_SECONDS">;

const seconds = (value: string | undefined, fallback: number) => {
  const parsed = Number(value);
  return Number.isInteger(parsed) && parsed > 0 ? parsed : fallback;
};

/**
 * A token lives for the idle limit and is renewed as the person uses it, so a session ends after that long without a
 * request (a stolen token is useful for minutes) and, however active, at the maximum after signing in.
 */
export function sessionLimits(config: Pick<TokenConfig, "SESSION_IDLE_SECONDS" | "SESSION_MAX_SECONDS">) {
  const idleSeconds = seconds(config.SESSION_IDLE_SECONDS, 30 * 60);
  return { idleSeconds, maxSeconds: Math.max(idleSeconds, seconds(config.SESSION_MAX_SECONDS, 12 * 60 * 60)) };
}

export async function issueStaffToken(
  config: TokenConfig,
  user: { id: string; role: StaffClaims["role"]; tokenVersion: number },
  nowSeconds: number,
  signedInAt = nowSeconds,
): Promise<string> {
  const { idleSeconds, maxSeconds } = sessionLimits(config);
  return jwt.sign<Omit<StaffClaims, "sub" | "iss" | "aud" | "exp" | "iat">>(
    {
      sub: user.id,
      iss: config.JWT_ISSUER,
      aud: config.JWT_AUDIENCE,
      iat: nowSeconds,
      exp: Math.min(nowSeconds + idleSeconds, signedInAt + maxSeconds),
      at: signedInAt,
      role: user.role,
      tv: user.tokenVersion,
    },
    config.JWT_SECRET,
    { algorithm },
  );
}

/** Past half its life and with time left before the maximum: the next answer carries a fresh token. */
export function renewalDue(config: TokenConfig, claims: StaffClaims, nowSeconds: number): boolean {
  const { maxSeconds } = sessionLimits(config);
  return nowSeconds - claims.iat >= (claims.exp - claims.iat) / 2 && claims.exp < claims.at + maxSeconds;
}

async function signedClaims(config: TokenConfig, token: string, clockTolerance: number): Promise<StaffClaims | null> {
  const verified = await jwt.verify(token, config.JWT_SECRET, { algorithm, clockTolerance }).catch(() => undefined);
  if (!verified || verified.header.alg !== algorithm) return null;
  const claims = v.safeParse(staffClaims, verified.payload);
  if (!claims.success) return null;
  if (claims.output.iss !== config.JWT_ISSUER || claims.output.aud !== config.JWT_AUDIENCE) return null;
  return claims.output;
}

/** The claims of a token signed with our key and algorithm, for our issuer and audience, not expired; otherwise null. */
export const verifyStaffToken = (config: TokenConfig, token: string) => signedClaims(config, token, 0);

/**
 * Who a session belonged to, though it may have ended (expired, or signed out elsewhere): only to keep what they were
 * typing for the same person, never to let anyone in. Null unless we signed it within the maximum session length.
 */
export const staffOfEndedToken = async (config: TokenConfig, token: string) =>
  (await signedClaims(config, token, sessionLimits(config).maxSeconds))?.sub ?? null;
