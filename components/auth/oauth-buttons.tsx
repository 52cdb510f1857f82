"use client";

import { signIn } from "next-auth/react";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { useResource } from "@/lib/client/use-resource";
import type { AuthProviders } from "@/lib/client/api-types";

/** Buttons for the OAuth/OIDC providers this server has configured; nothing when there are none. */
export function OAuthButtons({ next }: { next: string }) {
  const { data } = useResource<AuthProviders>("/api/account/auth-providers");
  const [pending, setPending] = useState<string | null>(null);
  if (!data) return null;
  const options = [
    data.github && { id: "github", label: "Continue with GitHub" },
    data.google && { id: "google", label: "Continue with Google" },
    data.oidc && { id: "oidc", label: `Continue with ${data.oidc.name}` },
  ].filter(Boolean) as { id: string; label: string }[];
  if (options.length === 0) return null;

  return (
    <div className="mb-6">
      <div className="space-y-2">
        {options.map((option) => (
          <Button
            key={option.id}
            variant="secondary"
            className="w-full"
            loading={pending === option.id}
            onClick={() => {
              setPending(option.id);
              void signIn(option.id, { callbackUrl: next });
            }}
          >
            {option.label}
          </Button>
        ))}
      </div>
      <div className="relative mt-6 text-center text-xs text-zinc-500 uppercase">
        <span className="absolute inset-x-0 top-1/2 border-t border-zinc-200 dark:border-zinc-800" aria-hidden="true" />
        <span className="relative bg-white px-2 dark:bg-zinc-900">or with email</span>
      </div>
    </div>
  );
}
