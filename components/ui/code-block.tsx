import { CopyButton } from "./copy-button";

/** A dark code panel with a copy button; dark in both themes, like the landing page. */
export function CodeBlock({ code, label, testId }: { code: string; label: string; testId?: string }) {
  return (
    <div className="relative">
      <pre className="overflow-x-auto rounded-xl bg-zinc-950 p-4 pr-14 font-mono text-[13px] leading-relaxed text-zinc-100 ring-1 ring-zinc-800" data-testid={testId}>
        <code>{code}</code>
      </pre>
      <div className="absolute top-2.5 right-2.5">
        <CopyButton value={code} label={`Copy ${label}`} showLabel={false} variant="ghost" className="text-zinc-400 hover:bg-zinc-800 hover:text-white dark:hover:bg-zinc-800" />
      </div>
    </div>
  );
}
