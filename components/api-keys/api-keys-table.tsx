"use client";

import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Switch } from "@/components/ui/switch";
import { TrashIcon } from "@/components/ui/icons";
import { Table, Td, Th } from "@/components/ui/table";
import type { ApiKey } from "@/lib/client/api-types";
import { formatDate, formatNumber, formatRelative } from "@/lib/client/format";
import { STATUS_LABEL, STATUS_TONE, keyStatus } from "./key-status";

/** A monthly cap with what is left of it this month, when the list brought the month's usage. */
function monthly(cap: number, used: number | undefined, unit: string): string {
  const base = `${formatNumber(cap)} ${unit}/month`;
  return used === undefined ? base : `${base} · ${formatNumber(Math.max(0, cap - used))} left`;
}

function limitsOf(key: ApiKey): string[] {
  const parts: string[] = [];
  if (key.dailyRequestCap) parts.push(`${formatNumber(key.dailyRequestCap)} req/day`);
  if (key.dailyTokenCap) parts.push(`${formatNumber(key.dailyTokenCap)} tokens/day`);
  if (key.monthlyRequestCap) parts.push(monthly(key.monthlyRequestCap, key.usedThisMonth?.requests, "req"));
  if (key.monthlyTokenCap) parts.push(monthly(key.monthlyTokenCap, key.usedThisMonth?.tokens, "tokens"));
  const models = key.modelAllowlist ?? [];
  if (models.length) parts.push(models.length === 1 ? models[0] : `${models.length} models`);
  return parts;
}

export function ApiKeysTable({
  keys,
  onRevoke,
  onCacheChange,
  onEditLimits,
}: {
  keys: ApiKey[];
  onRevoke: (key: ApiKey) => void;
  onCacheChange: (key: ApiKey, enabled: boolean) => void;
  onEditLimits: (key: ApiKey) => void;
}) {
  return (
    <Table label="Unified keys" stack>
      <thead>
        <tr>
          <Th>Name</Th>
          <Th>Status</Th>
          <Th>Created</Th>
          <Th>Last used</Th>
          <Th>Expires</Th>
          <Th>Limits</Th>
          <Th>Cache</Th>
          <Th className="text-right">
            <span className="sr-only">Actions</span>
          </Th>
        </tr>
      </thead>
      <tbody>
        {keys.map((key) => {
          const status = keyStatus(key);
          const limits = limitsOf(key);
          return (
            <tr key={key.id} data-testid="api-key-row" className={status === "revoked" ? "text-zinc-400 dark:text-zinc-500" : undefined}>
              <Td data-label="Name" className="max-w-64">
                <div className="min-w-0">
                  <div className="truncate font-medium text-zinc-900 dark:text-zinc-100" title={key.name}>
                    {key.name}
                  </div>
                  <div className="font-mono text-xs text-zinc-500 dark:text-zinc-400">{key.start}…</div>
                </div>
              </Td>
              <Td data-label="Status">
                <Badge tone={STATUS_TONE[status]} dot>
                  {STATUS_LABEL[status]}
                </Badge>
              </Td>
              <Td data-label="Created" className="whitespace-nowrap">
                <time dateTime={key.createdAt} title={new Date(key.createdAt).toLocaleString()}>
                  {formatDate(key.createdAt)}
                </time>
              </Td>
              <Td data-label="Last used" className="whitespace-nowrap">
                {key.lastUsedAt ? (
                  <time dateTime={key.lastUsedAt} title={new Date(key.lastUsedAt).toLocaleString()}>
                    {formatRelative(key.lastUsedAt)}
                  </time>
                ) : (
                  <span className="text-zinc-400 dark:text-zinc-500">Never</span>
                )}
              </Td>
              <Td data-label="Expires" className="whitespace-nowrap">
                {key.expiresAt ? formatDate(key.expiresAt) : <span className="text-zinc-400 dark:text-zinc-500">Never</span>}
              </Td>
              <Td data-label="Limits">
                {limits.length ? (
                  <div className="flex max-w-56 flex-wrap justify-end gap-1 sm:justify-start">
                    {limits.map((limit) => (
                      <Badge key={limit} className="font-normal" tone="neutral">
                        {limit}
                      </Badge>
                    ))}
                  </div>
                ) : (
                  <span className="text-zinc-400 dark:text-zinc-500">No limits</span>
                )}
              </Td>
              <Td data-label="Cache" title="Identical requests through this key are answered from the response cache">
                <Switch
                  checked={key.responseCache}
                  onChange={(enabled) => onCacheChange(key, enabled)}
                  label={`Response cache for ${key.name}`}
                  disabled={status === "revoked"}
                />
              </Td>
              <Td className="text-right max-sm:justify-end">
                {status !== "revoked" && (
                  <Button variant="ghost" size="sm" onClick={() => onEditLimits(key)} aria-label={`Edit the limits of ${key.name}`}>
                    Limits
                  </Button>
                )}
                {status !== "revoked" && (
                  <Button variant="danger-ghost" size="sm" icon={<TrashIcon />} onClick={() => onRevoke(key)} aria-label={`Revoke ${key.name}`}>
                    Revoke
                  </Button>
                )}
              </Td>
            </tr>
          );
        })}
      </tbody>
    </Table>
  );
}
