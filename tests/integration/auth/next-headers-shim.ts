import { createRequire } from "node:module";

/**
 * next-auth's App Router handler reads the request through `next/headers`, which only works
 * inside Next's request scope. In tests the route handler is called directly, so this puts a
 * stand-in for that module into the CommonJS cache, answering from the request being handled.
 */
let current: Request | null = null;

function cookieList(header: string | null) {
  return (header ?? "")
    .split(";")
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => {
      const at = part.indexOf("=");
      return { name: part.slice(0, at), value: decodeURIComponent(part.slice(at + 1)) };
    });
}

export function installNextHeadersShim() {
  const require = createRequire(createRequire(import.meta.url).resolve("next-auth/next"));
  const path = require.resolve("next/headers");
  const exports = {
    headers: async () => new Headers(current?.headers),
    cookies: async () => ({ getAll: () => cookieList(current?.headers.get("cookie") ?? null) }),
  };
  require.cache[path] = { id: path, filename: path, loaded: true, exports } as NodeJS.Module;
}

/** Runs a route handler with `next/headers` answering for this request. */
export async function withRequest<T>(request: Request, run: () => Promise<T>): Promise<T> {
  current = request;
  try {
    return await run();
  } finally {
    current = null;
  }
}
