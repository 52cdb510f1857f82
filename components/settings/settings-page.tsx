"use client";

import { ErrorState } from "@/components/ui/error-state";
import { Skeleton } from "@/components/ui/skeleton";
import { PageHeader } from "@/components/ui/page-header";
import type { Me } from "@/lib/client/api-types";
import { useResource } from "@/lib/client/use-resource";
import { DeleteAccountCard } from "./delete-account-card";
import { PasswordCard } from "./password-card";
import { ProfileCard } from "./profile-card";
import { SessionsCard } from "./sessions-card";

export function SettingsPage() {
  const { data: me, error, reload } = useResource<Me>("/api/account/me");
  return (
    <>
      <PageHeader title="Settings" description="Your profile, password and account." />
      {error && !me ? (
        <ErrorState error={error} onRetry={reload} className="rounded-xl border border-zinc-200 dark:border-zinc-800" />
      ) : (
        <div className="max-w-3xl space-y-6">
          <ProfileCard me={me} />
          {!me ? <Skeleton className="h-[25rem] w-full rounded-xl" /> : me.hasPassword && <PasswordCard />}
          <SessionsCard />
          <DeleteAccountCard email={me?.email} />
        </div>
      )}
    </>
  );
}
