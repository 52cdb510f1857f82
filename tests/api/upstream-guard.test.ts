import { randomBytes } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import OpenAI from "openai";
import { afterAll, describe, expect, it } from "vitest";
import { createApiKey, createApiKeySchema } from "@/lib/api-keys";
import { encryptSecret } from "@/lib/crypto";
import { prisma } from "@/lib/db";
import { eventually, openAiClient } from "@/tests/support/gateway-fixtures";

// The test stack runs with ALLOW_PRIVATE_UPSTREAMS=true (every server is on loopback), so these
// custom endpoints are allowed upstreams; what is under test is what the app does with their answers.
const servers: Server[] = [];
afterAll(async () => {
  await Promise.all(servers.map((s) => new Promise((resolve) => (s.closeAllConnections(), s.close(resolve)))));
});

async function serve(handler: (req: { url: string; authorization: string }) => { status: number; headers?: Record<string, string>; body: string }) {
  const hits: string[] = [];
  const server = createServer((req, res) => {
    hits.push(req.url ?? "");
    const answer = handler({ url: req.url ?? "", authorization: req.headers.authorization ?? "" });
    res.writeHead(answer.status, { "content-type": "application/json", ...answer.headers });
    res.end(answer.body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  servers.push(server);
  return { hits, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

async function customUser(baseUrl: string, secret: string, label: string) {
  const user = await prisma.user.create({ data: { email: `guard-${randomBytes(6).toString("hex")}@example.test` } });
  const key = await prisma.providerKey.create({
    data: {
      userId: user.id,
      providerId: "custom",
      label,
      baseUrl,
      encryptedSecret: encryptSecret(secret),
      lastFour: secret.slice(-4),
      models: ["house-model"],
      lastValidatedAt: new Date(),
    },
  });
  await prisma.fallbackEntry.create({ data: { userId: user.id, position: 0, providerId: "custom" } });
  const { plaintext } = await createApiKey(user.id, createApiKeySchema.parse({ name: "guard", responseCache: false }));
  return { keyId: key.id, client: openAiClient(plaintext) };
}

const ask = (client: OpenAI, stream = false) =>
  client.chat.completions
    .create({ model: "auto", stream, messages: [{ role: "user", content: "hi" }] } as OpenAI.ChatCompletionCreateParamsNonStreaming)
    .catch((e) => e);

describe("upstream answers the gateway must not trust", () => {
  it("does not follow a chat upstream's redirect: the client sees the provider redirected", async () => {
    const internal = await serve(() => ({
      status: 200,
      body: JSON.stringify({
        id: "x",
        object: "chat.completion",
        choices: [{ index: 0, message: { role: "assistant", content: "internal answer" }, finish_reason: "stop" }],
      }),
    }));
    const upstream = await serve(() => ({ status: 302, headers: { location: `${internal.url}/v1/chat/completions` }, body: "" }));
    const { client, keyId } = await customUser(`${upstream.url}/v1`, "custom-secret-0001", "house");
    for (const stream of [false, true]) {
      const error = await ask(client, stream);
      expect(error).toBeInstanceOf(OpenAI.APIError);
      expect(error.error.message).toMatch(
        /The provider redirected \(HTTP 302 to http:\/\/127\.0\.0\.1:\d+\/v1\/chat\/completions\); freellmapi does not follow upstream redirects/,
      );
      expect(error.error.providers[0]).toMatchObject({ provider: "custom", model: "house-model", key: "house (…0001)", state: "provider_unhealthy" });
      expect(JSON.stringify(error.error)).not.toContain(keyId);
    }
    expect(upstream.hits.length).toBeGreaterThanOrEqual(2);
    expect(internal.hits).toEqual([]);
  });

  it("redacts an upstream error that echoes the key, in the answer and in the stored key status", async () => {
    const secret = "house-endpoint-secret-7x";
    const upstream = await serve(({ authorization }) => ({
      status: 401,
      body: JSON.stringify({
        error: { message: `Invalid API key ${authorization.replace("Bearer ", "")} (see also nvapi-AbCdEfGh12345678)`, code: "invalid_api_key" },
      }),
    }));
    const { client, keyId } = await customUser(`${upstream.url}/v1`, secret, "echo");
    const error = await ask(client);
    expect(error).toBeInstanceOf(OpenAI.APIError);
    const shown = JSON.stringify(error.error);
    expect(shown).toContain("Invalid API key [redacted] (see also nvapi-[redacted])");
    expect(shown).not.toContain(secret);
    expect(shown).not.toContain("AbCdEfGh12345678");
    const row = await eventually(
      () => prisma.providerKey.findUniqueOrThrow({ where: { id: keyId } }),
      (k) => k.status === "invalid",
    );
    expect(row.statusReason).toBe("Invalid API key [redacted] (see also nvapi-[redacted])");
  });
});
