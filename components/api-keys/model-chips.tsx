"use client";

import { useId, useState, type KeyboardEvent } from "react";
import { CloseIcon } from "@/components/ui/icons";
import { fieldClass } from "@/components/ui/input";
import { cn } from "@/lib/client/cn";

/** A list of model ids typed as chips: Enter or comma adds, Backspace on empty removes the last. */
export function ModelChips({ id, value, onChange, suggestions }: { id: string; value: string[]; onChange: (next: string[]) => void; suggestions: string[] }) {
  const [draft, setDraft] = useState("");
  const listId = useId();

  function add(raw: string) {
    const parts = raw
      .split(/[,\s]+/)
      .map((part) => part.trim())
      .filter(Boolean);
    const next = [...value];
    for (const part of parts) if (!next.includes(part)) next.push(part);
    onChange(next);
    setDraft("");
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === "Enter" || event.key === ",") {
      event.preventDefault();
      if (draft.trim()) add(draft);
    } else if (event.key === "Backspace" && !draft && value.length) {
      onChange(value.slice(0, -1));
    }
  }

  return (
    <div
      className={cn(
        fieldClass,
        "flex min-h-9 flex-wrap items-center gap-1.5 px-2 py-1.5 focus-within:border-brand-500 focus-within:outline-2 focus-within:outline-brand-500/40",
      )}
    >
      {value.map((model) => (
        <span
          key={model}
          className="inline-flex items-center gap-1 rounded-md bg-zinc-100 py-0.5 pr-1 pl-2 font-mono text-xs text-zinc-800 dark:bg-zinc-800 dark:text-zinc-200"
        >
          {model}
          <button
            type="button"
            onClick={() => onChange(value.filter((item) => item !== model))}
            aria-label={`Remove ${model}`}
            className="rounded p-0.5 text-zinc-500 hover:bg-zinc-200 hover:text-zinc-900 dark:hover:bg-zinc-700 dark:hover:text-zinc-100"
          >
            <CloseIcon className="size-3" />
          </button>
        </span>
      ))}
      <input
        id={id}
        list={listId}
        value={draft}
        onChange={(event) => (event.target.value.includes(",") ? add(event.target.value) : setDraft(event.target.value))}
        onKeyDown={onKeyDown}
        onBlur={() => draft.trim() && add(draft)}
        placeholder={value.length ? "" : "Any model"}
        aria-describedby={`${id}-hint`}
        className="min-w-32 flex-1 bg-transparent [&::-webkit-calendar-picker-indicator]:hidden! [&::-webkit-list-button]:hidden! py-0.5 text-sm outline-none placeholder:text-zinc-400 dark:placeholder:text-zinc-500"
      />
      <datalist id={listId}>
        {suggestions.map((model) => (
          <option key={model} value={model} />
        ))}
      </datalist>
    </div>
  );
}
