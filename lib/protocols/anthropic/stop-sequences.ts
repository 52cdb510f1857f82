/**
 * Stop sequences applied to the answer text on our side. Upstreams that honor `stop` cut the text
 * themselves and report a plain "stop", so a match is only seen here when the upstream did not
 * (a fifth sequence and beyond, or a host that ignores `stop`); then we cut and can name it.
 */
export function cutAtStop(text: string, stops: readonly string[]): { text: string; stop: string | null } {
  const hit = firstStop(text, stops);
  return hit ? { text: text.slice(0, hit.at), stop: hit.stop } : { text, stop: null };
}

/** The same over a stream: text that could still grow into a stop sequence is held back. */
export class StopSequenceScanner {
  matched: string | null = null;
  private held = "";

  constructor(private readonly stops: readonly string[]) {}

  /** The text that can be passed on now; nothing once a sequence matched. */
  push(text: string): string {
    if (this.matched !== null) return "";
    if (this.stops.length === 0) return text;
    const buffer = this.held + text;
    const hit = firstStop(buffer, this.stops);
    if (hit) {
      this.matched = hit.stop;
      this.held = "";
      return buffer.slice(0, hit.at);
    }
    const keep = heldBackLength(buffer, this.stops);
    this.held = buffer.slice(buffer.length - keep);
    return buffer.slice(0, buffer.length - keep);
  }

  /** At the end of the answer, what was held back is plain text. */
  flush(): string {
    const rest = this.held;
    this.held = "";
    return rest;
  }
}

function firstStop(text: string, stops: readonly string[]): { at: number; stop: string } | null {
  let best: { at: number; stop: string } | null = null;
  for (const stop of stops) {
    const at = text.indexOf(stop);
    if (at !== -1 && (!best || at < best.at || (at === best.at && stop.length < best.stop.length))) best = { at, stop };
  }
  return best;
}

/** The longest tail of `text` that is the start of some stop sequence. */
function heldBackLength(text: string, stops: readonly string[]): number {
  let keep = 0;
  for (const stop of stops) {
    for (let k = Math.min(stop.length - 1, text.length); k > keep; k--) {
      if (text.endsWith(stop.slice(0, k))) {
        keep = k;
        break;
      }
    }
  }
  return keep;
}
