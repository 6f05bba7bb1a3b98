import { toJsonSchema } from "@valibot/to-json-schema";
import type { Hono, MiddlewareHandler } from "hono";
import type * as v from "valibot";

export type OperationDoc = {
  summary: string;
  tags: string[];
  /** The same valibot schemas the route validates with. */
  body?: v.GenericSchema;
  query?: v.GenericSchema;
  responses: Record<number, string>;
  /** Public routes carry no bearer token. */
  public?: boolean;
};

const documented = new WeakMap<MiddlewareHandler, OperationDoc>();

/** Marks a route with its documentation; it does nothing at request time. */
export function describeRoute(doc: OperationDoc): MiddlewareHandler {
  const handler: MiddlewareHandler = async (_c, next) => next();
  documented.set(handler, doc);
  return handler;
}

const errorSchema = {
  type: "object",
  required: ["error"],
  properties: {
    error: {
      type: "object",
      required: ["code", "message", "fields"],
      properties: {
        code: { type: "string", description: "Stable, machine-readable" },
        message: { type: "string" },
        fields: {
          type: "array",
          items: { type: "object", properties: { field: { type: "string" }, message: { type: "string" } } },
        },
      },
    },
  },
};

const jsonSchemaOf = (schema: v.GenericSchema) => toJsonSchema(schema, { errorMode: "ignore" });

/** The OpenAPI 3.1 document of every route marked with describeRoute, read from the app's own route table. */
export function openApiDocument(app: Hono<any>, info: { title: string; version: string }, basePath: string) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of app.routes) {
    const doc = documented.get(route.handler);
    if (!doc) continue;
    const path = route.path.replace(/:(\w+)/g, "{$1}");
    const parameters = [...route.path.matchAll(/:(\w+)/g)].map((m) => ({ name: m[1], in: "path", required: true, schema: { type: "string" } }));
    const querySchema = doc.query ? jsonSchemaOf(doc.query) : null;
    for (const [name, schema] of Object.entries((querySchema?.properties ?? {}) as Record<string, unknown>)) {
      parameters.push({ name, in: "query", required: Boolean(querySchema?.required?.includes(name)), schema: schema as never });
    }
    paths[path] ??= {};
    paths[path][route.method.toLowerCase()] = {
      summary: doc.summary,
      tags: doc.tags,
      ...(doc.public ? { security: [] } : {}),
      parameters,
      ...(doc.body ? { requestBody: { required: true, content: { "application/json": { schema: jsonSchemaOf(doc.body) } } } } : {}),
      responses: Object.fromEntries(
        Object.entries(doc.responses).map(([status, description]) => [
          status,
          Number(status) >= 400 ? { description, content: { "application/json": { schema: errorSchema } } } : { description },
        ]),
      ),
    };
  }
  return {
    openapi: "3.1.0",
    info,
    servers: [{ url: basePath }],
    components: { securitySchemes: { bearer: { type: "http", scheme: "bearer", bearerFormat: "JWT" } } },
    security: [{ bearer: [] }],
    paths,
  };
}
