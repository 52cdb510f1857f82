"use client";

import { useEffect, useMemo, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { ChatIcon, ChevronIcon, TrashIcon } from "@/components/ui/icons";
import { Field, Textarea } from "@/components/ui/input";
import { PageHeader } from "@/components/ui/page-header";
import { Select } from "@/components/ui/select";
import { cn } from "@/lib/client/cn";
import { useCatalog } from "@/lib/client/use-catalog";
import { useResource } from "@/lib/client/use-resource";
import { Composer } from "./composer";
import { MessageBubble } from "./message-bubble";
import { useChat } from "./use-chat";

const ROUTED = [
  { id: "auto", label: "auto · your chain, in order" },
  { id: "free-fast", label: "free-fast · quickest first" },
  { id: "free-smart", label: "free-smart · most capable first" },
];

export function PlaygroundPage() {
  const models = useResource<{ data: { id: string }[] }>("/api/account/playground/models");
  const { nameOf } = useCatalog();
  const [model, setModel] = useState("auto");
  const [system, setSystem] = useState("");
  const [showSystem, setShowSystem] = useState(false);
  const { messages, busy, send, stop, clear } = useChat();
  const scroller = useRef<HTMLDivElement>(null);

  const specific = useMemo(() => (models.data?.data ?? []).map((m) => m.id).filter((id) => !ROUTED.some((r) => r.id === id)), [models.data]);

  useEffect(() => {
    const element = scroller.current;
    if (element) element.scrollTop = element.scrollHeight;
  }, [messages]);

  return (
    <>
      <PageHeader
        title="Playground"
        description="Talk to your gateway exactly as your apps do: same chain, same fallbacks. See who answered and how fast."
        action={
          <Button variant="secondary" onClick={clear} disabled={messages.length === 0} icon={<TrashIcon className="size-4" />}>
            Clear chat
          </Button>
        }
      />
      <Card className="flex min-h-[32rem] flex-col overflow-hidden">
        <div className="space-y-3 border-b border-zinc-200 px-4 py-3 sm:px-5 dark:border-zinc-800">
          <div className="flex flex-wrap items-end gap-3">
            <Field id="playground-model" label="Model" className="w-full sm:w-80">
              <Select id="playground-model" value={model} onChange={(event) => setModel(event.target.value)} aria-describedby="playground-model-hint">
                <optgroup label="Routed by your chain">
                  {ROUTED.map((option) => (
                    <option key={option.id} value={option.id}>
                      {option.label}
                    </option>
                  ))}
                </optgroup>
                {specific.length > 0 && (
                  <optgroup label="A specific model">
                    {specific.map((id) => (
                      <option key={id} value={id}>
                        {id}
                      </option>
                    ))}
                  </optgroup>
                )}
              </Select>
            </Field>
            <Button
              variant="ghost"
              onClick={() => setShowSystem((open) => !open)}
              aria-expanded={showSystem}
              aria-controls="playground-system-panel"
              icon={<ChevronIcon className={cn("size-4 transition-transform", showSystem && "rotate-90")} />}
            >
              System prompt{system.trim() && !showSystem ? " (set)" : ""}
            </Button>
          </div>
          <p id="playground-model-hint" className="text-xs text-zinc-500 dark:text-zinc-400">
            {models.loading
              ? "Loading the models your keys can reach…"
              : models.error
                ? "Could not load the model list; the routed choices still work."
                : `${specific.length} specific ${specific.length === 1 ? "model" : "models"} reachable with your keys.`}
          </p>
          {showSystem && (
            <div id="playground-system-panel">
              <Field id="playground-system" label="System prompt" optional hint="Sent first in every request of this conversation.">
                <Textarea
                  id="playground-system"
                  rows={3}
                  value={system}
                  onChange={(event) => setSystem(event.target.value)}
                  placeholder="You are a helpful assistant."
                />
              </Field>
            </div>
          )}
        </div>
        <div ref={scroller} className="flex-1 space-y-4 overflow-y-auto px-4 py-5 sm:px-5" aria-live="polite" aria-label="Conversation" role="log">
          {messages.length === 0 ? (
            <EmptyState icon={<ChatIcon />} title="Send a first message">
              Your message goes through your fallback chain. The answer streams in here with the provider that served it and its latency.
            </EmptyState>
          ) : (
            messages.map((message) => <MessageBubble key={message.id} message={message} providerName={nameOf} />)
          )}
        </div>
        <Composer busy={busy} onStop={stop} onSend={(text) => void send(text, model, system)} />
      </Card>
    </>
  );
}
