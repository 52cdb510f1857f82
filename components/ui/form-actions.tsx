import type { ReactNode } from "react";
import { Button } from "./button";

/** A dialog form's Cancel and submit buttons, stacked on a phone with the submit on top. */
export function FormActions({
  onCancel,
  pending,
  children,
  lockWhilePending = false,
}: {
  onCancel: () => void;
  pending: boolean;
  children: ReactNode;
  lockWhilePending?: boolean;
}) {
  return (
    <div className="flex flex-col-reverse gap-2 pt-2 sm:flex-row sm:justify-end">
      <Button variant="secondary" onClick={onCancel} disabled={lockWhilePending && pending}>
        Cancel
      </Button>
      <Button type="submit" loading={pending}>
        {children}
      </Button>
    </div>
  );
}
