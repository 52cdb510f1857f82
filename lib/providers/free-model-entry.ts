type Entry = Record<string, unknown>;

/** A free model in an OpenRouter-style listing: a `:free` id, and zero prompt and completion prices (prices are strings). */
export function isFreeModelEntry(entry: Entry): boolean {
  const id = String(entry.id ?? "");
  const pricing = entry.pricing as Record<string, unknown> | undefined;
  if (!pricing) return id.endsWith(":free");
  const price = Number(pricing.prompt ?? 0) + Number(pricing.completion ?? 0);
  return id.endsWith(":free") && price === 0;
}
