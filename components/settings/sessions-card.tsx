"use client";

import { useState } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { apiFetch, errorMessage } from "@/lib/client/api-fetch";

export function SessionsCard() {
  const [pending, setPending] = useState(false);

  async function signOutEverywhere() {
    setPending(true);
    try {
      const { ended } = await apiFetch<{ ended: number }>("/api/account/sessions", { method: "DELETE" });
      toast.success(ended === 1 ? "Signed out 1 other session" : `Signed out ${ended} other sessions`);
    } catch (caught) {
      toast.error(errorMessage(caught));
    } finally {
      setPending(false);
    }
  }

  return (
    <Card aria-labelledby="sessions-title">
      <CardHeader id="sessions-title" title="Sessions" description="Every other browser signed in to this account is signed out; this one stays signed in." />
      <CardBody className="flex flex-wrap items-center justify-between gap-3">
        <p className="text-sm text-zinc-600 dark:text-zinc-400">Use it after signing in on a shared computer or losing a device.</p>
        <Button variant="secondary" onClick={() => void signOutEverywhere()} loading={pending}>
          Sign out everywhere else
        </Button>
      </CardBody>
    </Card>
  );
}
