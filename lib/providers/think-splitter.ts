const OPEN = "<think>";
const CLOSE = "</think>";

/**
 * Splits an inline `<think>…</think>` preamble (R1-distill style) out of streamed content.
 * Only a block at the very start counts; tags split across chunks are held until they resolve.
 */
export class ThinkSplitter {
  private state: "start" | "think" | "text" = "start";
  private pending = "";

  push(text: string): { content: string; reasoning: string } {
    if (this.state === "text") return { content: text, reasoning: "" };
    this.pending += text;
    if (this.state === "start") {
      const trimmed = this.pending.trimStart();
      if (trimmed.startsWith(OPEN)) {
        this.state = "think";
        this.pending = trimmed.slice(OPEN.length);
      } else if (OPEN.startsWith(trimmed)) {
        return { content: "", reasoning: "" };
      } else {
        this.state = "text";
        const content = this.pending;
        this.pending = "";
        return { content, reasoning: "" };
      }
    }
    const end = this.pending.indexOf(CLOSE);
    if (end !== -1) {
      const reasoning = this.pending.slice(0, end);
      const content = this.pending.slice(end + CLOSE.length).replace(/^\s+/, "");
      this.state = "text";
      this.pending = "";
      return { content, reasoning };
    }
    const keep = partialSuffix(this.pending, CLOSE);
    const reasoning = this.pending.slice(0, this.pending.length - keep);
    this.pending = this.pending.slice(this.pending.length - keep);
    return { content: "", reasoning };
  }

  /** Past the start: everything from now on is content, unchanged. */
  get decided(): boolean {
    return this.state === "text";
  }

  flush(): { content: string; reasoning: string } {
    const rest = this.pending;
    this.pending = "";
    return this.state === "think" ? { content: "", reasoning: rest } : { content: rest, reasoning: "" };
  }

  /** Splits a complete (non-streamed) text. */
  static split(text: string): { content: string; reasoning: string } {
    const splitter = new ThinkSplitter();
    const a = splitter.push(text);
    const b = splitter.flush();
    return { content: a.content + b.content, reasoning: a.reasoning + b.reasoning };
  }
}

function partialSuffix(text: string, tag: string): number {
  for (let n = Math.min(tag.length - 1, text.length); n > 0; n--) if (text.endsWith(tag.slice(0, n))) return n;
  return 0;
}
