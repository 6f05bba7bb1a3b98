import { describe, expect, it } from "vitest";
import { clockKinds } from "../schema/vocab";
import { client } from "./support/client";
import { drsWorld } from "./support/drs";

describe("the typed test client", () => {
  it("reads and changes an LA's timescales with bodies the routes' validators type", async () => {
    const { la, officer } = await drsWorld();
    const timescales = client({ authorization: officer.headers.Authorization }).api.las[":laId"].timescales;

    const shown = await timescales.$get({ param: { laId: la.id } });
    expect(shown.status).toBe(200);
    expect((await shown.json()).timescales.map(({ clock }) => clock)).toEqual([...clockKinds]);

    const changed = await timescales.$put({ param: { laId: la.id }, json: { drsMeetingHeld: { amount: 20, unit: "workingDays" } } });
    expect(changed.status).toBe(200);
    expect((await changed.json()).timescales).toContainEqual(expect.objectContaining({ clock: "drsMeetingHeld", changedByLa: true }));
  });

  it("is refused like any caller: a statutory timescale is a 400 naming it, a stranger a 401", async () => {
    const { la, officer } = await drsWorld();
    const timescales = client({ authorization: officer.headers.Authorization }).api.las[":laId"].timescales;
    // The input type has no room for a statutory clock (it is `never`); the test sends one anyway to see it refused.
    const statutory = await timescales.$put({ param: { laId: la.id }, json: { ehcFinalPlan: { amount: 30, unit: "weeks" } as never } });
    expect(statutory.status).toBe(400);
    expect(JSON.stringify(await statutory.json())).toMatch(/ehcFinalPlan is statutory/);
    const stranger = await client().api.las[":laId"].timescales.$get({ param: { laId: la.id } });
    expect(stranger.status).toBe(401);
  });
});
