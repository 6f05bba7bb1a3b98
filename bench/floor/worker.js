// The floor: only the platform work a Stepwise write cannot avoid, one Durable Object call and one D1 batch write,
// so the benchmark can say how much of a request's cost is Stepwise's own. Plain JS, no dependencies.
import { DurableObject } from "cloudflare:workers";

export class FloorCase extends DurableObject {
  async write(key, body, at) {
    const id = crypto.randomUUID();
    await this.env.DB.batch([
      this.env.DB.prepare("INSERT INTO floor_records (id, case_key, body, created_at) VALUES (?, ?, ?, ?)").bind(id, key, body, at),
      this.env.DB.prepare("INSERT INTO floor_events (case_key, at, record_id) VALUES (?, ?, ?)").bind(key, at, id),
    ]);
    return id;
  }
}

export default {
  async fetch(request, env) {
    const key = new URL(request.url).searchParams.get("case") ?? "one";
    const body = await request.text();
    const id = await env.FLOOR_CASE.get(env.FLOOR_CASE.idFromName(key)).write(key, body, new Date().toISOString());
    return Response.json({ id }, { status: 201 });
  },
};
