"use client";

import { useState } from "react";
import { Badge } from "@/components/ui/badge";
import { ChevronIcon } from "@/components/ui/icons";
import { Td } from "@/components/ui/table";
import type { RequestLogItem } from "@/lib/client/api-types";
import { cn } from "@/lib/client/cn";
import { formatCompact, formatMs, formatRelative, protocolLabel } from "@/lib/client/format";
import { NO_PROVIDER_LABEL } from "@/lib/client/state-labels";
import { AttemptTrail } from "./attempt-trail";
import { StatusBadge } from "./status-badge";

const COLUMNS = 7;

export function RequestRow({ item, nameOf, initiallyOpen = false }: { item: RequestLogItem; nameOf: (id: string) => string; initiallyOpen?: boolean }) {
  const [open, setOpen] = useState(initiallyOpen);
  const detailId = `request-${item.id}-trail`;
  const tokens = item.promptTokens === null && item.completionTokens === null ? null : (item.promptTokens ?? 0) + (item.completionTokens ?? 0);
  const fellBack = item.attempts.length > 1;
  return (
    <>
      <tr
        data-testid="request-row"
        className={cn("cursor-pointer hover:bg-zinc-50 dark:hover:bg-zinc-800/40", open && "bg-zinc-50 dark:bg-zinc-800/40")}
        onClick={() => setOpen(!open)}
      >
        <Td className="whitespace-nowrap" data-label="Time">
          <button
            type="button"
            aria-expanded={open}
            aria-controls={detailId}
            aria-label={`${open ? "Hide" : "Show"} fallback trail`}
            onClick={(event) => {
              event.stopPropagation();
              setOpen(!open);
            }}
            className="mr-2 inline-flex size-6 items-center justify-center rounded-md align-middle text-zinc-500 hover:bg-zinc-200 dark:hover:bg-zinc-700"
          >
            <ChevronIcon className={cn("transition-transform", open && "rotate-90")} />
          </button>
          <time dateTime={item.createdAt} title={new Date(item.createdAt).toLocaleString()}>
            {formatRelative(item.createdAt)}
          </time>
        </Td>
        <Td data-label="Status">
          <StatusBadge status={item.status} />
        </Td>
        <Td data-label="Model">
          <div className="min-w-0">
            <div className="font-mono text-xs text-zinc-500 dark:text-zinc-400">{item.requestedModel}</div>
            <div className="flex flex-wrap items-center justify-end gap-1.5 sm:flex-nowrap sm:justify-start sm:whitespace-nowrap">
              <span aria-hidden="true" className="text-zinc-400">
                →
              </span>
              <span className="sr-only">answered by</span>
              {item.providerId ? (
                <span>
                  <span className="font-medium">{nameOf(item.providerId)}</span>
                  <span className="font-mono text-xs text-zinc-500 dark:text-zinc-400"> / {item.model}</span>
                </span>
              ) : (
                <span className="font-medium text-red-700 dark:text-red-400">{NO_PROVIDER_LABEL}</span>
              )}
              {fellBack && <Badge tone="blue">{item.attempts.length} tries</Badge>}
              {item.cached && <Badge tone="green">Cached</Badge>}
            </div>
          </div>
        </Td>
        <Td data-label="Latency" className="text-right whitespace-nowrap tabular-nums">
          {formatMs(item.latencyMs)}
        </Td>
        <Td
          data-label="Tokens"
          className="text-right tabular-nums"
          title={tokens === null ? undefined : `${item.promptTokens ?? 0} in · ${item.completionTokens ?? 0} out`}
        >
          {formatCompact(tokens)}
        </Td>
        <Td data-label="Key" className="max-w-40 truncate">
          {item.apiKeyName ?? <span className="text-zinc-400 dark:text-zinc-500">Dashboard</span>}
        </Td>
        <Td data-label="API" className="whitespace-nowrap">
          <span className="text-xs text-zinc-600 dark:text-zinc-300" data-testid="request-protocol">
            {protocolLabel(item.protocol)}
          </span>
          {item.stream ? (
            <Badge tone="blue" className="ml-1.5">
              stream
            </Badge>
          ) : (
            <span className="sr-only">, not streamed</span>
          )}
        </Td>
      </tr>
      {open && (
        <tr id={detailId} className="table-stack-detail bg-zinc-50/70 dark:bg-zinc-900/40">
          <td colSpan={COLUMNS} className="border-b border-zinc-100 px-4 py-4 pl-4 sm:pl-12 dark:border-zinc-800/70">
            <AttemptTrail item={item} nameOf={nameOf} />
          </td>
        </tr>
      )}
    </>
  );
}
