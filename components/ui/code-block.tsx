import { CopyButton } from "./copy-button";

/** A dark code panel (dark in both themes, like the landing page) with its copy button in a title bar, never over the code. */
export function CodeBlock({ code, label, testId }: { code: string; label: string; testId?: string }) {
  return (
    <div className="overflow-hidden rounded-xl bg-zinc-950 ring-1 ring-zinc-800">
      <div className="flex items-center justify-between border-b border-zinc-800 py-1.5 pr-1.5 pl-4">
        <span className="text-xs font-medium text-zinc-400">{label}</span>
        <CopyButton
          value={code}
          label={`Copy ${label}`}
          showLabel={false}
          variant="ghost"
          className="text-zinc-400 hover:bg-zinc-800 hover:text-white dark:hover:bg-zinc-800"
        />
      </div>
      <pre className="overflow-x-auto p-4 font-mono text-[13px] leading-relaxed text-zinc-100" data-testid={testId}>
        <code>{code}</code>
      </pre>
    </div>
  );
}
