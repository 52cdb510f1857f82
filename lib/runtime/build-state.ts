import { readdir, stat } from "node:fs/promises";
import path from "node:path";

const SOURCES = ["app", "components", "lib", "public", "prisma/schema.prisma", "next.config.ts", "package.json", "postcss.config.mjs", "tsconfig.json"];

async function newestMtime(target: string): Promise<number> {
  const info = await stat(target).catch(() => null);
  if (!info) return 0;
  if (!info.isDirectory()) return info.mtimeMs;
  const entries = await readdir(target, { recursive: true, withFileTypes: true });
  const times = await Promise.all(
    entries
      .filter((entry) => entry.isFile())
      .map((entry) =>
        stat(path.join(entry.parentPath, entry.name)).then(
          (s) => s.mtimeMs,
          () => 0,
        ),
      ),
  );
  return Math.max(info.mtimeMs, ...times);
}

/** True when there is no production build or a source file changed after it was made. */
export async function isBuildStale(root = process.cwd()): Promise<boolean> {
  const built = await stat(path.join(root, process.env.NEXT_DIST_DIR ?? ".next", "BUILD_ID")).then(
    (s) => s.mtimeMs,
    () => 0,
  );
  if (!built) return true;
  const newest = Math.max(...(await Promise.all(SOURCES.map((source) => newestMtime(path.join(root, source))))));
  return newest > built;
}
