import { Button } from "./button";
import { AlertIcon } from "./icons";

/** What a panel shows when its data could not load, with a way to try again. */
export function ErrorState({ error, onRetry, className }: { error: Error; onRetry?: () => void; className?: string }) {
  return (
    <div role="alert" className={`flex flex-col items-center px-6 py-10 text-center ${className ?? ""}`}>
      <div className="mb-3 flex size-10 items-center justify-center rounded-full bg-red-50 text-red-600 dark:bg-red-950/60 dark:text-red-400">
        <AlertIcon />
      </div>
      <p className="font-medium">Could not load this</p>
      <p className="mt-1 max-w-sm text-sm text-zinc-500 dark:text-zinc-400">{error.message}</p>
      {onRetry && (
        <Button variant="secondary" size="sm" className="mt-4" onClick={onRetry}>
          Try again
        </Button>
      )}
    </div>
  );
}
