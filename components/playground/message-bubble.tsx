import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { AlertIcon } from "@/components/ui/icons";
import { cn } from "@/lib/client/cn";
import { formatMs } from "@/lib/client/format";
import { describeState, stateLabel } from "@/lib/client/state-labels";
import type { ChatMessage } from "./use-chat";

export function MessageBubble({ message, providerName }: { message: ChatMessage; providerName: (id: string) => string }) {
  if (message.role === "user") {
    return (
      <div className="flex justify-end">
        <div className="max-w-[85%] rounded-2xl rounded-br-md bg-brand-600 px-4 py-2.5 text-sm whitespace-pre-wrap text-white shadow-sm">{message.content}</div>
      </div>
    );
  }
  return (
    <div className="flex flex-col items-start gap-1.5" data-testid="assistant-message">
      {message.status === "error" && message.error ? (
        <ErrorBubble code={message.error.code} status={message.error.status} message={message.error.message} requestId={message.requestId ?? null} />
      ) : (
        <div
          className={cn(
            "max-w-[85%] rounded-2xl rounded-bl-md border border-zinc-200 bg-white px-4 py-2.5 text-sm whitespace-pre-wrap shadow-xs dark:border-zinc-800 dark:bg-zinc-900",
            !message.content && "text-zinc-500 dark:text-zinc-400",
          )}
          aria-busy={message.status === "streaming"}
        >
          {message.content || (message.status === "streaming" ? <TypingDots /> : "(no text in the answer)")}
          {message.status === "streaming" && message.content && (
            <span className="ml-0.5 inline-block h-4 w-1.5 animate-pulse bg-brand-500 align-text-bottom" aria-hidden="true" />
          )}
        </div>
      )}
      <Meta message={message} providerName={providerName} />
    </div>
  );
}

/** Where the Requests page opens this request's fallback trail. */
const trailHref = (requestId: string) => `/dashboard/requests?request=${encodeURIComponent(requestId)}`;

function Meta({ message, providerName }: { message: ChatMessage; providerName: (id: string) => string }) {
  if (!message.provider && message.status !== "stopped") return null;
  const tries = message.trail ?? [];
  return (
    <div className="flex flex-wrap items-center gap-1.5 pl-1 text-xs text-zinc-500 dark:text-zinc-400" data-testid="answer-meta">
      {message.provider && (
        <Badge tone="blue" className="font-mono">
          <span className="sr-only">Provider </span>
          {providerName(message.provider)}
          <span className="sr-only"> ({message.provider})</span>
        </Badge>
      )}
      {message.model && <span className="font-mono break-all">{message.model}</span>}
      {message.latencyMs !== undefined && <span>· {formatMs(message.latencyMs)}</span>}
      {message.status === "stopped" && <Badge tone="amber">Stopped</Badge>}
      {tries.length > 1 && (
        <span data-testid="answer-tries">
          · {tries.length} tries:{" "}
          {tries
            .map(
              (t, i) =>
                `${providerName(t.provider)} ${t.outcome === "ok" ? "answered" : stateLabel(t.outcome).toLowerCase()}${i < tries.length - 1 ? " → " : ""}`,
            )
            .join("")}
        </span>
      )}
      {message.requestId && tries.length > 1 && (
        <Link href={trailHref(message.requestId)} className="font-medium text-brand-700 hover:underline dark:text-brand-500">
          See the trail
        </Link>
      )}
    </div>
  );
}

function ErrorBubble({ code, status, message, requestId }: { code: string | null; status: number; message: string; requestId: string | null }) {
  const noKeys = code === "no_provider_keys";
  const known = code ? describeState(code) : null;
  const headline =
    status === 0 ? "Could not reach freellmapi." : known && code !== "invalid_request" && code !== "internal_error" ? `${known.label}.` : "The request failed.";
  return (
    <div
      role="alert"
      className="flex max-w-[85%] gap-2.5 rounded-2xl rounded-bl-md border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-800 dark:border-red-900/70 dark:bg-red-950/40 dark:text-red-200"
    >
      <AlertIcon className="mt-0.5 size-4 shrink-0" />
      <div className="space-y-1">
        {noKeys ? (
          <>
            <p className="font-medium">You have no provider keys yet.</p>
            <p>
              The playground answers through your own providers.{" "}
              <Link href="/dashboard/providers" className="font-medium underline underline-offset-2 hover:no-underline">
                Add a provider key
              </Link>{" "}
              (Groq or Gemini take a minute), then try again.
            </p>
          </>
        ) : (
          <>
            <p className="font-medium">{headline}</p>
            <p>{message}</p>
            {known?.next && <p className="text-red-700 dark:text-red-300">{known.next}</p>}
            {requestId && (
              <Link href={trailHref(requestId)} className="inline-block font-medium underline underline-offset-2 hover:no-underline">
                See what was tried
              </Link>
            )}
          </>
        )}
      </div>
    </div>
  );
}

function TypingDots() {
  return (
    <span className="inline-flex gap-1 py-1" role="status" aria-label="Waiting for the answer">
      {[0, 150, 300].map((delay) => (
        <span key={delay} className="size-1.5 animate-bounce rounded-full bg-zinc-400" style={{ animationDelay: `${delay}ms` }} />
      ))}
    </span>
  );
}
