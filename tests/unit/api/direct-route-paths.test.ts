/** Each static /v1 route file names its own path as its direct route (lib/api/v1-routes.ts). */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.resolve(__dirname, "../../../app");
const routeFiles = readdirSync(path.join(root, "v1"), { recursive: true, encoding: "utf8" })
  .filter((file) => file.endsWith("route.ts"))
  .map((file) => path.join("v1", file));

describe("direct route paths", () => {
  it.each(routeFiles)("%s", (file) => {
    const routePath = `/${path.dirname(file).split(path.sep).join("/")}`;
    const declared = readFileSync(path.join(root, file), "utf8").match(/direct: "([^"]+)"/)?.[1];
    // A dynamic segment matches many paths: Next.js resolves those.
    expect(declared).toBe(routePath.includes("[") ? undefined : routePath);
  });
});
