import { defineConfig } from "prisma/config";

// The CLI reads the URL only for commands that touch a database (`migrate deploy` for
// users who are online); `npm run db:migrate` uses the WebAssembly engine instead.
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "postgresql://localhost:5432/freellmapi" },
});
