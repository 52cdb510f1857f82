import { cn } from "@/lib/client/cn";

export function ModelList({ models, label, className }: { models: string[]; label: string; className?: string }) {
  if (models.length === 0) return <p className="text-sm text-zinc-500 dark:text-zinc-400">No models listed.</p>;
  return (
    <ul aria-label={label} className={cn("flex flex-wrap gap-1.5 overflow-y-auto", className)}>
      {models.map((model) => (
        <li
          key={model}
          className="rounded-md border border-zinc-200 bg-zinc-50 px-2 py-0.5 font-mono text-xs text-zinc-700 dark:border-zinc-800 dark:bg-zinc-950 dark:text-zinc-300"
        >
          {model}
        </li>
      ))}
    </ul>
  );
}
