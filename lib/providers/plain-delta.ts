/** A text delta on the first choice that the normalizer would leave as it is, read without parsing the event. */
export interface PlainDelta {
  /** The event's data to forward: as the upstream sent it, less a trailing `"usage": null`. */
  data: string;
  /** The delta's text, decoded. */
  content: string;
}

// Keys are found as `":` (a space may follow the colon, not precede it: such events go the slow
// way). Inside a JSON string each quote is escaped, so an unescaped `"` before a colon ends a key.
const TRAILING_NULL_USAGE = /,\s*"usage"\s*:\s*null\s*\}\s*$/;
// Usage, the finish, tool calls, reasoning in its spellings, thinking parts and in-band errors
// are what the normalizer acts on: their presence sends the event the slow way.
const NEEDS_PARSE = new Set(["tool_calls", "reasoning", "reasoning_content", "reasoning_details", "thinking", "error"]);

/**
 * The stream relay's fast path (docs/ROUTING.md, "Streaming"): most events of an answer are one
 * text delta on choice 0 with nothing to fix, and are forwarded as sent. Returns null for any
 * other event, which then goes through JSON.parse and the normalizer.
 */
export function readPlainDelta(raw: string): PlainDelta | null {
  if (raw.charCodeAt(0) !== 123 || raw.includes("\n") || /"\s:/.test(raw)) return null;
  let choices = 0;
  let deltas = 0;
  let content: string | null = null;
  let usageAt = -1;
  for (let colon = raw.indexOf('":'); colon !== -1; colon = raw.indexOf('":', colon + 2)) {
    let start = colon;
    while (start > 0 && isKeyChar(raw.charCodeAt(start - 1))) start--;
    // Not a key we know: an escaped quote inside a string, or a name with other characters.
    if (start === colon || raw.charCodeAt(start - 1) !== 34) continue;
    const key = raw.slice(start, colon);
    let value = colon + 2;
    while (raw.charCodeAt(value) === 32) value++;
    if (NEEDS_PARSE.has(key)) return null;
    switch (key) {
      case "choices":
        if (++choices > 1) return null;
        break;
      case "delta":
        if (++deltas > 1) return null;
        break;
      case "index":
        if (raw.charCodeAt(value) !== 48 || isDigit(raw.charCodeAt(value + 1))) return null;
        break;
      case "finish_reason":
        if (!raw.startsWith("null", value)) return null;
        break;
      case "usage":
        if (usageAt !== -1 || !raw.startsWith("null", value)) return null;
        usageAt = start - 1;
        break;
      case "content": {
        if (content !== null) return null;
        const text = stringAt(raw, value);
        if (text === null) return null;
        content = text.value;
        colon = text.end - 2;
        break;
      }
    }
  }
  if (choices !== 1 || deltas !== 1) return null;
  let data = raw;
  if (usageAt !== -1) {
    // `"usage": null` as the last top-level member (OpenAI's include_usage chunks) goes, as the normalizer drops it.
    const trailing = TRAILING_NULL_USAGE.exec(raw);
    if (!trailing || raw.indexOf('"usage"', trailing.index) !== usageAt) return null;
    data = `${raw.slice(0, trailing.index)}}`;
  }
  return { data, content: content ?? "" };
}

const isKeyChar = (ch: number) => (ch >= 97 && ch <= 122) || ch === 95;
const isDigit = (ch: number) => ch >= 48 && ch <= 57;

/** The string value at `from` (null reads as ""), and where it ends; null for any other value. */
function stringAt(data: string, from: number): { value: string; end: number } | null {
  if (data.startsWith("null", from)) return { value: "", end: from + 4 };
  if (data.charCodeAt(from) !== 34) return null;
  let escaped = false;
  for (let j = from + 1; j < data.length; j++) {
    const ch = data.charCodeAt(j);
    if (ch === 92) {
      escaped = true;
      j++;
    } else if (ch === 34) {
      if (!escaped) return { value: data.slice(from + 1, j), end: j + 1 };
      try {
        return { value: JSON.parse(data.slice(from, j + 1)) as string, end: j + 1 };
      } catch {
        return null;
      }
    }
  }
  return null;
}
