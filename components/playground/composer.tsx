"use client";

import { useRef, useState, type KeyboardEvent } from "react";
import { Button } from "@/components/ui/button";
import { SendIcon, StopIcon } from "@/components/ui/icons";
import { fieldClass } from "@/components/ui/input";
import { cn } from "@/lib/client/cn";

/** The message box: Enter sends, Shift+Enter starts a new line, Stop aborts the answer. */
export function Composer({ busy, onSend, onStop }: { busy: boolean; onSend: (text: string) => void; onStop: () => void }) {
  const [text, setText] = useState("");
  const ref = useRef<HTMLTextAreaElement>(null);

  function submit() {
    const value = text.trim();
    if (!value || busy) return;
    onSend(value);
    setText("");
    ref.current?.focus();
  }

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (event.key === "Enter" && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      submit();
    }
  }

  return (
    <form
      className="border-t border-zinc-200 p-3 sm:p-4 dark:border-zinc-800"
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
    >
      <label htmlFor="playground-message" className="sr-only">
        Message
      </label>
      <div className="flex items-end gap-2">
        <textarea
          ref={ref}
          id="playground-message"
          rows={2}
          value={text}
          onChange={(event) => setText(event.target.value)}
          onKeyDown={onKeyDown}
          placeholder="Send a message…"
          aria-describedby="playground-message-hint"
          className={cn(fieldClass, "max-h-48 min-h-[2.75rem] resize-y py-2")}
        />
        {/* Stop appears beside Send, never in its place: a double-click on Send must not stop the answer. */}
        {busy && (
          <Button variant="secondary" onClick={onStop} icon={<StopIcon className="size-4" />} className="h-11">
            Stop
          </Button>
        )}
        <Button type="submit" disabled={busy || !text.trim()} icon={<SendIcon className="size-4" />} className="h-11">
          Send
        </Button>
      </div>
      <p id="playground-message-hint" className="mt-1.5 text-xs text-zinc-500 dark:text-zinc-400">
        <kbd className="font-sans font-medium">Enter</kbd> sends · <kbd className="font-sans font-medium">Shift+Enter</kbd> adds a new line
      </p>
    </form>
  );
}
