"use client";

import { useCallback, useRef, useState } from "react";
import { PlaygroundError, streamChat, type ChatTurn, type StreamMeta } from "./stream-chat";

export interface ChatMessage {
  id: number;
  role: "user" | "assistant";
  content: string;
  status: "streaming" | "done" | "stopped" | "error";
  provider?: string | null;
  model?: string | null;
  latencyMs?: number;
  requestId?: string | null;
  trail?: StreamMeta["trail"];
  error?: { message: string; code: string | null; status: number };
}

// Enough context for a conversation without sending an ever-growing prompt to free tiers.
const HISTORY_TURNS = 20;

/** The conversation held in the page, one streamed answer at a time. */
export function useChat() {
  const [messages, setMessages] = useState<ChatMessage[]>([]);
  const [busy, setBusy] = useState(false);
  const controller = useRef<AbortController | null>(null);
  const nextId = useRef(1);

  const update = (id: number, patch: (message: ChatMessage) => Partial<ChatMessage>) =>
    setMessages((current) => current.map((message) => (message.id === id ? { ...message, ...patch(message) } : message)));

  const send = useCallback(
    async (text: string, model: string, system: string) => {
      const history: ChatTurn[] = messages
        .filter((message) => message.status === "done" || (message.role === "user" && message.status !== "error"))
        .slice(-HISTORY_TURNS)
        .map(({ role, content }) => ({ role, content }));
      const userId = nextId.current++;
      const answerId = nextId.current++;
      setMessages((current) => [
        ...current,
        { id: userId, role: "user", content: text, status: "done" },
        { id: answerId, role: "assistant", content: "", status: "streaming" },
      ]);
      const abort = new AbortController();
      controller.current = abort;
      setBusy(true);
      const started = performance.now();
      const turns: ChatTurn[] = [...(system.trim() ? [{ role: "system" as const, content: system.trim() }] : []), ...history, { role: "user", content: text }];
      try {
        await streamChat(
          { model, messages: turns },
          {
            onMeta: (meta) => update(answerId, () => ({ provider: meta.provider, model: meta.model, requestId: meta.requestId, trail: meta.trail })),
            onDelta: (delta) => update(answerId, (message) => ({ content: message.content + delta })),
          },
          abort.signal,
        );
        update(answerId, () => ({ status: "done", latencyMs: Math.round(performance.now() - started) }));
      } catch (error) {
        if ((error as Error).name === "AbortError") {
          update(answerId, () => ({ status: "stopped", latencyMs: Math.round(performance.now() - started) }));
        } else {
          const known = error instanceof PlaygroundError ? error : null;
          update(answerId, () => ({
            status: "error",
            requestId: known?.requestId ?? null,
            error: { message: (error as Error).message, code: known?.code ?? null, status: known?.status ?? 0 },
          }));
        }
      } finally {
        controller.current = null;
        setBusy(false);
      }
    },
    [messages],
  );

  const stop = useCallback(() => controller.current?.abort(), []);
  const clear = useCallback(() => {
    controller.current?.abort();
    setMessages([]);
  }, []);

  return { messages, busy, send, stop, clear };
}
