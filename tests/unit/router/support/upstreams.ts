import { afterEach } from "vitest";
import { chatCompletionRequestSchema } from "@/lib/router/schemas";
import { chunk, startMockUpstream } from "@/tests/mocks/scripted-upstream";

export const UPSTREAM_ENV = { groq: "GROQ_BASE_URL", gemini: "GEMINI_BASE_URL" };

/** The smallest chat request the router can route. */
export const helloRequest = () => chatCompletionRequestSchema.parse({ model: "auto", messages: [{ role: "user", content: "hello" }] });

/** A complete streamed answer: "hi", then stop. */
export const streamedHi = `${chunk({ content: "hi" })}${chunk({}, "stop")}data: [DONE]\n\n`;

/** A scripted upstream per test, closed after each one (call at the top of a test file). */
export function scriptedUpstreams(env: Record<string, string> = UPSTREAM_ENV) {
  let current: Awaited<ReturnType<typeof startMockUpstream>> | undefined;
  afterEach(async () => {
    await current?.close();
    current = undefined;
  });
  return {
    start: async (handler: Parameters<typeof startMockUpstream>[1]) => (current = await startMockUpstream(env, handler)),
  };
}
