import { describe, expect, it } from "vitest";
import { readSpentSignal } from "@/lib/providers/rate-limit-headers";
import { parseGoDuration, parseProseRetry, parseResetValue, parseRetryAfter } from "@/lib/providers/retry-hints";

const NOW = 1_800_000_000_000;

describe("retry hints", () => {
  it("parses Go durations", () => {
    expect(parseGoDuration("2m59.56s")).toBe(179_560);
    expect(parseGoDuration("644ms")).toBe(644);
    expect(parseGoDuration("6m0s")).toBe(360_000);
    expect(parseGoDuration("1h2m3s")).toBe(3_723_000);
    expect(parseGoDuration("soon")).toBeNull();
  });

  it("parses reset values in every form", () => {
    expect(parseResetValue(String(NOW + 5000), NOW)).toBe(5000);
    expect(parseResetValue(String((NOW + 7000) / 1000), NOW)).toBe(7000);
    expect(parseResetValue("33011.382867097855", NOW)).toBe(33_011_383);
    expect(parseResetValue("7.66s", NOW)).toBe(7660);
    expect(parseResetValue(null, NOW)).toBeNull();
  });

  it("parses Retry-After and prose", () => {
    expect(parseRetryAfter("12", NOW)).toBe(12_000);
    expect(parseRetryAfter("1.5", NOW)).toBe(1500);
    expect(parseRetryAfter("garbage", NOW)).toBeNull();
    expect(parseProseRetry("Please try again in 9m38.016s. Need more tokens?")).toBe(578_016);
    expect(parseProseRetry("Please retry in 45.57s.")).toBe(45_570);
  });
});

describe("readSpentSignal", () => {
  it("Groq: remaining-requests 0 means the day (RPD) is spent until the Go-duration reset", () => {
    const s = readSpentSignal({ "x-ratelimit-remaining-requests": "0", "x-ratelimit-reset-requests": "2m59.56s", "x-ratelimit-remaining-tokens": "500" }, NOW);
    expect(s).toEqual({ until: NOW + 179_560, window: "day" });
  });

  it("Cerebras suffixed headers with float seconds, tokens-minute spent", () => {
    const s = readSpentSignal(
      { "x-ratelimit-remaining-requests-day": "100", "x-ratelimit-remaining-tokens-minute": "0", "x-ratelimit-reset-tokens-minute": "11.5" },
      NOW,
    );
    expect(s).toEqual({ until: NOW + 11_500, window: "minute" });
  });

  it("nothing spent, or no headers", () => {
    expect(readSpentSignal({ "x-ratelimit-remaining-requests": "99" }, NOW)).toBeNull();
    expect(readSpentSignal(new Headers(), NOW)).toBeNull();
  });
});
