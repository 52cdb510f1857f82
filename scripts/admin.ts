// `npm run admin -- <command>`: manage users, provider keys, chains and unified keys from a
// shell, against the configured database or the embedded one (also while the app runs).
import { parseArgs } from "node:util";
import { ZodError } from "zod";
import { withScriptDatabase } from "@/lib/runtime/with-script-database";
import { createApiKey, getActiveApiKeyIdByNameOrThrow, revokeApiKey, createApiKeySchema } from "@/lib/api-keys";
import { setChainBySpec } from "@/lib/chain";
import { EnvError } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { listModelAliases, removeModelAlias, setModelAlias, setModelAliasSchema } from "@/lib/model-aliases";
import { addProviderKey, addProviderKeySchema } from "@/lib/provider-keys";
import { createUser, getUserByEmailOrThrow, createUserSchema } from "@/lib/users";

const HELP = `Usage: npm run admin -- <command> [options]

Commands:
  user:create      --email E --password P [--name N]
  provider-key:add --email E --provider ID --key K [--label L] [--base-url U]
                   (the key is checked against the provider before it is saved)
  chain:set        --email E <provider | provider/model> ...   (replaces the whole chain)
                   (providers by id or common name: google = gemini, nim = nvidia, ...)
  api-key:create   --email E --name N   (prints the key once, alone on the last line)
  api-key:revoke   --email E --name N
  alias:set        --email E <alias> <target> [--api-key NAME]
                   (e.g. gpt-4o-mini free-fast, or claude-* auto; --api-key: only for that key)
  alias:list       --email E
  alias:remove     --email E <alias> [--api-key NAME]

Uses DATABASE_URL when set, else the embedded database in .data/ (also while the app runs).`;

const OPTIONS = {
  email: { type: "string" },
  password: { type: "string" },
  name: { type: "string" },
  provider: { type: "string" },
  key: { type: "string" },
  label: { type: "string" },
  "base-url": { type: "string" },
  "api-key": { type: "string" },
  help: { type: "boolean", short: "h" },
} as const;

class UsageError extends Error {}

type Values = Partial<Record<keyof typeof OPTIONS, string | boolean>>;

function required(values: Values, name: keyof typeof OPTIONS): string {
  const value = values[name];
  if (typeof value !== "string" || value.trim() === "") throw new UsageError(`--${name} is required`);
  return value;
}

const COMMANDS: Record<string, (values: Values, rest: string[]) => Promise<string[]>> = {
  async "user:create"(values) {
    const user = await createUser(
      createUserSchema.parse({ email: required(values, "email"), password: required(values, "password"), name: values.name as string | undefined }),
    );
    return [`Created user ${user.email} (${user.id})`];
  },
  async "provider-key:add"(values) {
    const user = await getUserByEmailOrThrow(required(values, "email"));
    const { key, models } = await addProviderKey(
      user.id,
      addProviderKeySchema.parse({
        providerId: required(values, "provider"),
        key: required(values, "key"),
        label: values.label as string | undefined,
        baseUrl: values["base-url"] as string | undefined,
      }),
    );
    return [`Added ${key.providerId} key ${key.id}${key.lastFour ? ` (…${key.lastFour})` : ""} for ${user.email}: ${models.length} models`];
  },
  async "chain:set"(_values, specs) {
    const user = await getUserByEmailOrThrow(required(_values, "email"));
    if (specs.length === 0) throw new UsageError("Name at least one provider, e.g. `chain:set --email E groq gemini/gemini-2.5-flash`");
    const entries = await setChainBySpec(user.id, specs);
    return [
      `Chain for ${user.email}:`,
      ...entries.map((e) => `  ${e.position + 1}. ${e.providerId}${e.pinnedModel ? `/${e.pinnedModel}` : ""} (${e.state.status})`),
    ];
  },
  async "api-key:create"(values) {
    const user = await getUserByEmailOrThrow(required(values, "email"));
    const { apiKey, plaintext } = await createApiKey(user.id, createApiKeySchema.parse({ name: required(values, "name") }));
    return [`Created API key "${apiKey.name}" (${apiKey.id}) for ${user.email}. It is shown once:`, plaintext];
  },
  async "api-key:revoke"(values) {
    const user = await getUserByEmailOrThrow(required(values, "email"));
    const apiKey = await revokeApiKey(user.id, { name: required(values, "name") });
    return [`Revoked API key "${apiKey.name}" (${apiKey.id})`];
  },
  async "alias:set"(values, [alias, target, ...extra]) {
    if (!alias || !target || extra.length > 0) throw new UsageError("Give the alias and its target, e.g. `alias:set --email E gpt-4o-mini free-fast`");
    const user = await getUserByEmailOrThrow(required(values, "email"));
    const apiKeyId = await apiKeyIdOf(user.id, values);
    const saved = await setModelAlias(user.id, setModelAliasSchema.parse({ alias, target, apiKeyId }));
    return [`${saved.alias} → ${saved.target} (${scopeOf(saved.apiKeyName)}) for ${user.email}`];
  },
  async "alias:list"(values) {
    const user = await getUserByEmailOrThrow(required(values, "email"));
    const aliases = await listModelAliases(user.id);
    if (aliases.length === 0) return [`No model aliases for ${user.email}`];
    return [
      `Model aliases for ${user.email}:`,
      ...aliases.map((a) => `  ${a.alias} → ${a.target} (${scopeOf(a.apiKeyName ?? (a.apiKeyId ? "a revoked key" : null))})`),
    ];
  },
  async "alias:remove"(values, [alias, ...extra]) {
    if (!alias || extra.length > 0) throw new UsageError("Give the alias to remove, e.g. `alias:remove --email E gpt-4o-mini`");
    const user = await getUserByEmailOrThrow(required(values, "email"));
    await removeModelAlias(user.id, { alias, apiKeyId: await apiKeyIdOf(user.id, values) });
    return [`Removed ${alias} for ${user.email}`];
  },
};

const POSITIONAL_COMMANDS = new Set(["chain:set", "alias:set", "alias:remove"]);

function apiKeyIdOf(userId: string, values: Values): Promise<string | null> | null {
  return typeof values["api-key"] === "string" ? getActiveApiKeyIdByNameOrThrow(userId, values["api-key"]) : null;
}

const scopeOf = (apiKeyName: string | null) => (apiKeyName ? `key "${apiKeyName}"` : "every key");

function describe(error: unknown): string {
  if (error instanceof ZodError) return error.issues.map((i) => `${i.path.join(".") || "input"}: ${i.message}`).join("\n");
  if (error instanceof AppError || error instanceof EnvError || error instanceof UsageError) return error.message;
  return `Unexpected error: ${(error as Error).message}`;
}

async function main(argv: string[]): Promise<number> {
  let parsed: { values: Values; positionals: string[] };
  try {
    parsed = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${HELP}`);
    return 2;
  }
  const [command, ...rest] = parsed.positionals;
  if (parsed.values.help || !command) {
    console.log(HELP);
    return parsed.values.help ? 0 : 2;
  }
  const run = COMMANDS[command];
  if (!run) {
    console.error(`Unknown command "${command}".\n\n${HELP}`);
    return 2;
  }
  if (!POSITIONAL_COMMANDS.has(command) && rest.length > 0) {
    console.error(`Unexpected argument "${rest[0]}".\n\n${HELP}`);
    return 2;
  }
  try {
    const lines = await withScriptDatabase(() => run(parsed.values, rest));
    console.log(lines.join("\n"));
    return 0;
  } catch (error) {
    console.error(`Error: ${describe(error)}`);
    return error instanceof UsageError ? 2 : 1;
  }
}

process.exit(await main(process.argv.slice(2)));
