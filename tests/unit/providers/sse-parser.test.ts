import { describe, expect, it } from "vitest";
import { interpretSseEvent, SseParser } from "@/lib/providers/sse-parser";

describe("SseParser", () => {
  it("handles events split across pushes, comments, CRLF and data without a space", () => {
    const parser = new SseParser();
    expect(parser.push(': OPENROUTER PROCESSING\n\ndata: {"a"')).toEqual([]);
    expect(parser.push(':1}\r\n\r\ndata:{"b":2}\n')).toEqual([{ event: null, data: '{"a":1}' }]);
    expect(parser.push("\ndata: [DONE]\n\n")).toEqual([
      { event: null, data: '{"b":2}' },
      { event: null, data: "[DONE]" },
    ]);
  });

  it("joins multi-line data and keeps the event name", () => {
    const parser = new SseParser();
    expect(parser.push("event: error\ndata: line1\ndata: line2\n\n")).toEqual([{ event: "error", data: "line1\nline2" }]);
  });

  it("waits when a chunk ends in \\r that may start \\r\\n", () => {
    const parser = new SseParser();
    expect(parser.push("data: x\r")).toEqual([]);
    expect(parser.push("\n\r\n")).toEqual([{ event: null, data: "x" }]);
  });

  it("reports a partial event at EOF", () => {
    const parser = new SseParser();
    parser.push('data: {"choices":[]}\n\ndata: {"cut');
    const end = parser.end();
    expect(end.partial).toBe(true);
    expect(end.events).toEqual([{ event: null, data: '{"cut' }]);
    expect(new SseParser().end()).toEqual({ events: [], partial: false });
  });
});

describe("interpretSseEvent", () => {
  it("recognises done, chunks, in-band errors and malformed data", () => {
    expect(interpretSseEvent({ event: null, data: "[DONE]" })).toEqual({ type: "done" });
    expect(interpretSseEvent({ event: null, data: '{"choices":[{"delta":{"content":"hi"}}]}' }).type).toBe("chunk");
    expect(interpretSseEvent({ event: null, data: '{"error":{"message":"boom","type":"server_error"}}' }).type).toBe("error");
    expect(interpretSseEvent({ event: null, data: '{"error":{"code":502,"message":"x"},"choices":[{"delta":{},"finish_reason":"error"}]}' }).type).toBe(
      "error",
    );
    expect(interpretSseEvent({ event: null, data: "{not json" }).type).toBe("malformed");
  });
});
