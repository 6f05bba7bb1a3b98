import jwt from "@tsndr/cloudflare-worker-jwt";
import * as v from "valibot";
import { staffRoles } from "../../schema/vocab";

/** Short-lived: a stolen token is useful for minutes, and sign-out revokes it sooner through the token version. */
export const staffTokenLifetimeSeconds = 15 * 60;
const algorithm = "HS256";

const staffClaims = v.object({
  sub: v.pipe(v.string(), v.minLength(1)),
  iss: v.string(),
  aud: v.string(),
  exp: v.number(),
  iat: v.number(),
  role: v.picklist(staffRoles),
  /** The user's token version when the token was issued; a later sign-out raises it. */
  tv: v.pipe(v.number(), v.integer()),
});
export type StaffClaims = v.InferOutput<typeof staffClaims>;

type TokenConfig = Pick<Env, "JWT_SECRET" | "JWT_ISSUER" | "JWT_AUDIENCE">;

export async function issueStaffToken(
  config: TokenConfig,
  user: { id: string; role: StaffClaims["role"]; tokenVersion: number },
  nowSeconds: number,
): Promise<string> {
  return jwt.sign<Omit<StaffClaims, "sub" | "iss" | "aud" | "exp" | "iat">>(
    {
      sub: user.id,
      iss: config.JWT_ISSUER,
      aud: config.JWT_AUDIENCE,
      iat: nowSeconds,
      exp: nowSeconds + staffTokenLifetimeSeconds,
      role: user.role,
      tv: user.tokenVersion,
    },
    config.JWT_SECRET,
    { algorithm },
  );
}

/** The claims of a token signed with our key and algorithm, for our issuer and audience, not expired; otherwise null. */
export async function verifyStaffToken(config: TokenConfig, token: string): Promise<StaffClaims | null> {
  const verified = await jwt.verify(token, config.JWT_SECRET, { algorithm }).catch(() => undefined);
  if (!verified || verified.header.alg !== algorithm) return null;
  const claims = v.safeParse(staffClaims, verified.payload);
  if (!claims.success) return null;
  if (claims.output.iss !== config.JWT_ISSUER || claims.output.aud !== config.JWT_AUDIENCE) return null;
  return claims.output;
}
