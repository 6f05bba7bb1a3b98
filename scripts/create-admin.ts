/**
 * Creates the first admin (who then adds LAs, schools and staff).
 *
 *   STEPWISE_ADMIN_PASSWORD='…' npm run create-admin -- --email you@la.gov.uk --name "Your Name" [--remote]
 *
 * Without --remote it writes to the local D1 that `npm run dev` uses (in STEPWISE_STATE, as dev does). The password is read from the environment so
 * it never lands in shell history as an argument; it is stored only as a PBKDF2 hash.
 */
import { execFileSync } from "node:child_process";
import { parseArgs } from "node:util";
import { hashPassword } from "../worker/auth/password";

const { values } = parseArgs({ options: { email: { type: "string" }, name: { type: "string" }, remote: { type: "boolean", default: false } } });
const password = process.env.STEPWISE_ADMIN_PASSWORD ?? "";
if (!values.email || !values.name || password.length < 12) {
  console.error("Usage: STEPWISE_ADMIN_PASSWORD='at least 12 characters' npm run create-admin -- --email EMAIL --name NAME [--remote]");
  process.exit(2);
}
const quote = (text: string) => `'${text.replaceAll("'", "''")}'`;
const { hash, salt } = await hashPassword(password);
const sql = `INSERT INTO staff_users (id, email, name, role, password_hash, password_salt) VALUES (${quote(crypto.randomUUID())}, ${quote(values.email.trim().toLowerCase())}, ${quote(values.name)}, 'admin', ${quote(hash)}, ${quote(salt)});`;
const where = values.remote ? ["--remote"] : ["--local", "--persist-to", process.env.STEPWISE_STATE ?? ".wrangler/state"];
execFileSync(process.execPath, ["node_modules/wrangler/bin/wrangler.js", "d1", "execute", "stepwise", ...where, "--command", sql], { stdio: "inherit" });
console.log(`Admin ${values.email} created.`);
