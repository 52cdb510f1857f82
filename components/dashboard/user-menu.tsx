"use client";

import { signOut } from "next-auth/react";
import { useState } from "react";
import { LogoutIcon } from "@/components/ui/icons";
import { Spinner } from "@/components/ui/spinner";

export interface SessionUser {
  id: string;
  email: string;
  name: string | null;
}

function initials(user: SessionUser) {
  const source = user.name?.trim() || user.email;
  return source
    .split(/[\s@.]+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((part) => part[0]!.toUpperCase())
    .join("");
}

/** Who is signed in, and the way out. */
export function UserMenu({ user }: { user: SessionUser }) {
  const [leaving, setLeaving] = useState(false);
  return (
    <div className="flex items-center gap-3 rounded-lg p-2">
      <span
        className="flex size-8 shrink-0 items-center justify-center rounded-full bg-brand-100 text-xs font-semibold text-brand-700 dark:bg-brand-700/25 dark:text-brand-100"
        aria-hidden="true"
      >
        {initials(user)}
      </span>
      <div className="min-w-0 flex-1">
        {user.name && <p className="truncate text-sm font-medium">{user.name}</p>}
        <p className="truncate text-xs text-zinc-500 dark:text-zinc-400" data-testid="current-user-email">
          {user.email}
        </p>
      </div>
      <button
        type="button"
        onClick={() => {
          setLeaving(true);
          void signOut({ callbackUrl: "/login" });
        }}
        className="rounded-md p-2 text-zinc-500 hover:bg-zinc-900/5 hover:text-zinc-900 dark:hover:bg-white/10 dark:hover:text-zinc-100"
        aria-label="Sign out"
        title="Sign out"
      >
        {leaving ? <Spinner /> : <LogoutIcon className="size-[18px]" />}
      </button>
    </div>
  );
}
