import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { AlertIcon } from "@/components/ui/icons";
import { cn } from "@/lib/client/cn";
import { formatMs } from "@/lib/client/format";
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
        <ErrorBubble code={message.error.code} message={message.error.message} />
      ) : (
        <div
          className={cn(
            "max-w-[85%] rounded-2xl rounded-bl-md border border-zinc-200 bg-white px-4 py-2.5 text-sm whitespace-pre-wrap shadow-xs dark:border-zinc-800 dark:bg-zinc-900",
            !message.content && "text-zinc-500 dark:text-zinc-400",
          )}
          aria-busy={message.status === "streaming"}
        >
          {message.content || (message.status === "streaming" ? <TypingDots /> : "(no text in the answer)")}
          {message.status === "streaming" && message.content && <span className="ml-0.5 inline-block h-4 w-1.5 animate-pulse bg-brand-500 align-text-bottom" aria-hidden="true" />}
        </div>
      )}
      <Meta message={message} providerName={providerName} />
    </div>
  );
}

function Meta({ message, providerName }: { message: ChatMessage; providerName: (id: string) => string }) {
  if (!message.provider && message.status !== "stopped") return null;
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
    </div>
  );
}

function ErrorBubble({ code, message }: { code: string | null; message: string }) {
  const noKeys = code === "no_provider_keys";
  return (
    <div role="alert" className="flex max-w-[85%] gap-2.5 rounded-2xl rounded-bl-md border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-800 dark:border-red-900/70 dark:bg-red-950/40 dark:text-red-200">
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
          <p>{message}</p>
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
