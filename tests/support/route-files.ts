import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

export interface RouteFile {
  /** URL segments, route groups dropped: `["api", "account", "api-keys", "[id]"]`. */
  template: string[];
  /** The methods the file exports, the answers of a route helper (`accountRoutes`, `v1Routes`) for other methods included. */
  methods: string[];
  /** The methods it has a handler of its own for: for a route helper, the keys of its handlers object. */
  handled: string[];
}

const APP_DIR = path.resolve("app");
export const ROUTE_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
const isRouteMethod = (name: string) => (ROUTE_METHODS as readonly string[]).includes(name);

/** Every route.ts under app/, read from disk so that a new route is covered without touching a test. */
export function enumerateRoutes(): RouteFile[] {
  const files = (readdirSync(APP_DIR, { recursive: true }) as string[]).filter((file) => /(^|\/)route\.ts$/.test(file));
  return files.map((file) => {
    const source = readFileSync(path.join(APP_DIR, file), "utf8");
    const destructured = [...source.matchAll(/export\s+const\s*\{([^}]*)\}/g)].flatMap((m) => m[1].split(",").map((name) => name.trim()));
    const named = [...source.matchAll(/export\s+(?:const|async function|function)\s+(GET|POST|PUT|PATCH|DELETE)\b|\bas\s+(GET|POST|PUT|PATCH|DELETE)\b/g)].map(
      (m) => m[1] ?? m[2],
    );
    // A helper's handlers object as Prettier lays it out: one `METHOD:` key per line, indented once.
    const helperCall = source.match(/=\s*\w+Routes\s*(?:<[^>]*>)?\s*\(([\s\S]*)$/)?.[1] ?? "";
    const keys = [...helperCall.matchAll(/^ {2}(GET|POST|PUT|PATCH|DELETE)\s*:/gm)].map((m) => m[1]);
    const template = path
      .dirname(file)
      .split(path.sep)
      .filter((part) => part !== "." && !/^\(.*\)$/.test(part));
    return {
      template,
      methods: [...new Set([...destructured, ...named])].filter(isRouteMethod),
      handled: [...new Set(helperCall ? [...keys, ...named] : named)].filter(isRouteMethod),
    };
  });
}
