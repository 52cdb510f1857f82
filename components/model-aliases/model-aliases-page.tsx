"use client";

import { useMemo } from "react";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { ErrorState } from "@/components/ui/error-state";
import { SwapIcon } from "@/components/ui/icons";
import { PageHeader } from "@/components/ui/page-header";
import { SkeletonRows } from "@/components/ui/skeleton";
import type { ApiKey, ModelAlias } from "@/lib/client/api-types";
import { useResource } from "@/lib/client/use-resource";
import { AliasForm } from "./alias-form";
import { AliasesList } from "./aliases-list";

const sameAlias = (a: ModelAlias, b: ModelAlias) => a.alias === b.alias && a.apiKeyId === b.apiKeyId;

export function ModelAliasesPage() {
  const { data, error, reload, mutate } = useResource<{ aliases: ModelAlias[] }>("/api/account/model-aliases");
  const { data: keys } = useResource<{ keys: ApiKey[] }>("/api/account/api-keys");
  const { data: models } = useResource<{ data: { id: string; alias_for?: string }[] }>("/api/account/playground/models");
  const targets = useMemo(() => (models?.data ?? []).filter((model) => !model.alias_for).map((model) => model.id), [models]);

  return (
    <>
      <PageHeader
        title="Model aliases"
        description="Clients that hard-code model names (gpt-4o-mini, text-embedding-3-small, claude-sonnet-4-5…) get answered by the freellmapi model you choose instead of a 404. GET /v1/models lists them."
      />
      <div className="space-y-6">
        <Card>
          <CardHeader title="Add or replace an alias" description="Saving a name that exists for the same keys replaces its target." />
          <CardBody>
            <AliasForm
              keys={keys?.keys ?? []}
              targets={targets}
              onSaved={(saved) => mutate((current) => ({ aliases: [...(current?.aliases ?? []).filter((a) => !sameAlias(a, saved)), saved] }))}
            />
          </CardBody>
        </Card>
        <Card>
          {error && !data ? (
            <ErrorState error={error} onRetry={reload} />
          ) : !data ? (
            <SkeletonRows rows={3} className="p-5" />
          ) : data.aliases.length === 0 ? (
            <EmptyState icon={<SwapIcon className="size-5" />} title="No aliases yet">
              Unknown model names get 404 model_not_found. Add an alias above, or pick one of the common ones.
            </EmptyState>
          ) : (
            <AliasesList
              aliases={data.aliases}
              onRemoved={(removed) => mutate((current) => ({ aliases: (current?.aliases ?? []).filter((a) => a.id !== removed.id) }))}
            />
          )}
        </Card>
      </div>
    </>
  );
}
