import { DurableObject } from "cloudflare:workers";

export class PupilCase extends DurableObject<Env> {}
