import type { ReactNode, TdHTMLAttributes, ThHTMLAttributes } from "react";
import { cn } from "@/lib/client/cn";

/**
 * A table that scrolls sideways on narrow screens instead of squeezing its columns. `relative`
 * keeps absolutely placed children (sr-only labels) inside the scroller, not widening the page.
 */
export function Table({ label, className, children, stack }: { label: string; className?: string; children: ReactNode; stack?: boolean }) {
  // `stack`: below 640 px each row becomes a card of "label: value" lines (cells carry data-label).
  return (
    <div className={cn("relative overflow-x-auto", stack && "table-stack", className)}>
      <table aria-label={label} className="w-full text-left text-sm">
        {children}
      </table>
    </div>
  );
}

export function Th({ className, ...rest }: ThHTMLAttributes<HTMLTableCellElement>) {
  return (
    <th
      scope="col"
      className={cn(
        "border-b border-zinc-200 px-4 py-2.5 text-xs font-medium tracking-wide whitespace-nowrap text-zinc-500 uppercase dark:border-zinc-800 dark:text-zinc-400",
        className,
      )}
      {...rest}
    />
  );
}

export function Td({ className, ...rest }: TdHTMLAttributes<HTMLTableCellElement>) {
  return <td className={cn("border-b border-zinc-100 px-4 py-3 align-middle dark:border-zinc-800/70", className)} {...rest} />;
}
