import type { ReactNode } from "react";
import { Skeleton } from "./skeleton";

/** A headline number with its label; `value` undefined shows a skeleton of the same height. */
export function Stat({ label, value, hint }: { label: string; value: ReactNode | undefined; hint?: ReactNode }) {
  return (
    <div className="rounded-xl border border-zinc-200 bg-white px-5 py-4 shadow-xs dark:border-zinc-800 dark:bg-zinc-900/60">
      <dt className="text-sm text-zinc-500 dark:text-zinc-400">{label}</dt>
      <dd className="mt-1 text-2xl font-semibold tracking-tight tabular-nums">{value === undefined ? <Skeleton className="my-1 h-6 w-20" /> : value}</dd>
      {hint && <dd className="mt-0.5 text-xs text-zinc-500 dark:text-zinc-400">{hint}</dd>}
    </div>
  );
}
