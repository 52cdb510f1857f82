/**
 * Tracks whether streamed tool-call arguments have closed their top-level JSON object, so a
 * second object glued onto the same call (`{"a":1}{"b":2}`, Gemini) can be split off.
 */
export class JsonObjectScanner {
  private depth = 0;
  private inString = false;
  private escape = false;
  complete = false;

  /** Feeds a fragment; returns the offset where a new top-level object starts after a complete one, or -1. */
  feed(fragment: string): number {
    for (let i = 0; i < fragment.length; i++) {
      const ch = fragment[i];
      if (this.complete) {
        if (ch === "{") return i;
        continue;
      }
      if (this.inString) {
        if (this.escape) this.escape = false;
        else if (ch === "\\") this.escape = true;
        else if (ch === '"') this.inString = false;
        continue;
      }
      if (ch === '"') this.inString = true;
      else if (ch === "{" || ch === "[") this.depth++;
      else if (ch === "}" || ch === "]") {
        this.depth--;
        if (this.depth === 0) this.complete = true;
      }
    }
    return -1;
  }

  reset(): void {
    this.depth = 0;
    this.inString = false;
    this.escape = false;
    this.complete = false;
  }
}
