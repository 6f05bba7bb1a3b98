import type { TestProject } from "vitest/node";
// @ts-expect-error: a plain ES module script shared with the benchmark
import { buildWorker } from "../../../scripts/local-worker.mjs";

declare module "vitest" {
  export interface ProvidedContext {
    workerBundle: string;
  }
}

/** Builds the Worker once for every end-to-end test file. */
export default function setup(project: TestProject) {
  project.provide("workerBundle", buildWorker());
}
