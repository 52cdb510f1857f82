import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  poweredByHeader: false,
  // Separate build folders let several checkouts' test servers build side by side.
  distDir: process.env.NEXT_DIST_DIR ?? ".next",
  // Types are checked by `npm run verify` (and CI), not by every user's first `npm start`: the build
  // only compiles, which saves about half a minute of a first start on a small machine.
  typescript: { tsconfigPath: "tsconfig.app.json", ignoreBuildErrors: true },
  // The gateway's handlers live at /v1 itself (app/v1), so the path every client calls needs no
  // rewrite (a rewrite costs each request its own route resolution); /api/v1 keeps answering too.
  async rewrites() {
    return [{ source: "/api/v1/:path*", destination: "/v1/:path*" }];
  },
  serverExternalPackages: ["@electric-sql/pglite", "@electric-sql/pglite-socket", "@prisma/schema-engine-wasm", "ioredis", "pg", "prom-client"],
  // The readiness check compares applied migrations with the ones shipped (lib/health/migration-status.ts).
  outputFileTracingIncludes: { "/api/health/ready": ["./prisma/migrations/**/*"] },
};

export default nextConfig;
