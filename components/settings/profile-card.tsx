import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { Skeleton } from "@/components/ui/skeleton";
import type { Me } from "@/lib/client/api-types";
import { formatDate } from "@/lib/client/format";

export function ProfileCard({ me }: { me: Me | undefined }) {
  const rows: [string, string | undefined][] = [
    ["Email", me?.email],
    ["Name", me ? (me.name ?? "Not set") : undefined],
    ["Member since", me ? formatDate(me.createdAt) : undefined],
    ["Sign-in", me ? (me.hasPassword ? "Email and password" : "Single sign-on (GitHub, Google or your organisation)") : undefined],
  ];
  return (
    <Card aria-labelledby="profile-title">
      <CardHeader id="profile-title" title="Profile" description="The account you sign in with." />
      <CardBody>
        <dl className="divide-y divide-zinc-100 dark:divide-zinc-800">
          {rows.map(([label, value]) => (
            <div key={label} className="grid gap-1 py-2.5 first:pt-0 last:pb-0 sm:grid-cols-3 sm:gap-4">
              <dt className="text-sm text-zinc-500 dark:text-zinc-400">{label}</dt>
              <dd className="min-w-0 text-sm font-medium break-words sm:col-span-2">{value ?? <Skeleton className="h-5 w-48 max-w-full" />}</dd>
            </div>
          ))}
        </dl>
      </CardBody>
    </Card>
  );
}
