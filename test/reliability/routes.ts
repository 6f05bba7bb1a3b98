import { app } from "../../worker/index";

export type Endpoint = { method: string; path: string };

const bodyMethods = new Set(["POST", "PUT", "PATCH", "DELETE"]);
export const takesBody = (endpoint: Endpoint) => bodyMethods.has(endpoint.method);

/**
 * Every endpoint the app answers, read from the router itself, so a route added later is covered without anyone
 * listing it here. Middleware (`use`) registers "ALL" on a wildcard path and is not an endpoint; a real `all()`
 * route is tried as GET and POST.
 */
export function endpoints(): Endpoint[] {
  const seen = new Map<string, Endpoint>();
  for (const route of app.routes) {
    if (route.path.endsWith("*")) continue;
    const methods = route.method === "ALL" ? ["GET", "POST"] : [route.method];
    for (const method of methods) seen.set(`${method} ${route.path}`, { method, path: route.path });
  }
  return [...seen.values()];
}

/** The names of a route path's parameters: "/api/pupils/:id/plans/:planId{[0-9a-f-]+}" gives ["id", "planId"]. */
export const parameterNames = (path: string) => [...path.matchAll(/:([A-Za-z0-9_]+)(\{[^}]*\})?\??/g)].map((m) => m[1]!);

/** The path with each parameter replaced by the value given for it, URL-encoded. */
export function fillPath(path: string, values: Record<string, string>): string {
  return path.replace(/:([A-Za-z0-9_]+)(\{[^}]*\})?\??/g, (_, name: string) => encodeURIComponent(values[name] ?? "x"));
}
