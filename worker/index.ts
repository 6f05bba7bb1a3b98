import { Hono } from "hono";
export { PupilCase } from "./pupil-case";

const app = new Hono<{ Bindings: Env }>().get("/api/health", (c) => c.json({ ok: true }));

export default { fetch: app.fetch } satisfies ExportedHandler<Env>;
