import { beforeAll, describe, expect, it } from "vitest";
import { createGatewayUser } from "@/tests/support/gateway-fixtures";
import { A, B, chat, chatCalls, resetMocks, warmUp } from "./instances";

describe("response cache across instances", () => {
  beforeAll(() => warmUp());

  it("a request answered by instance A is a hit on instance B, through Redis: the provider sees one call", async () => {
    await resetMocks();
    const { plaintext } = await createGatewayUser(["groq"], { responseCache: true });
    const first = await chat(A, plaintext);
    expect(first.status).toBe(200);
    expect(first.headers.get("x-freellmapi-cache")).toBe("miss");
    const second = await chat(B, plaintext);
    expect(second.status).toBe(200);
    expect(second.headers.get("x-freellmapi-cache")).toBe("hit");
    expect(second.body.choices).toEqual(first.body.choices);
    expect(await chatCalls("groq")).toBe(1);

    // Another account sending the same request on B is not served A's answer.
    const other = await createGatewayUser(["groq"], { responseCache: true });
    expect((await chat(B, other.plaintext)).headers.get("x-freellmapi-cache")).toBe("miss");
    expect(await chatCalls("groq")).toBe(2);
  });
});
