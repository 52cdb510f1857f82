import { cn } from "@/lib/client/cn";

/** A placeholder block; size it like the content it stands for so nothing moves on load. */
export function Skeleton({ className }: { className?: string }) {
  return <div className={cn("animate-pulse rounded-md bg-zinc-200/80 dark:bg-zinc-800", className)} aria-hidden="true" />;
}

/** `rows` full-width placeholders, announced once as loading; `rowClassName` sizes each row. */
export function SkeletonRows({ rows = 3, className, rowClassName = "h-12" }: { rows?: number; className?: string; rowClassName?: string }) {
  return (
    <div className={cn("space-y-3", className)} role="status" aria-label="Loading">
      {Array.from({ length: rows }, (_, index) => (
        <Skeleton key={index} className={cn("w-full", rowClassName)} />
      ))}
    </div>
  );
}
