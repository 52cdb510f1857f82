"use client";

import Link from "next/link";
import { useSearchParams } from "next/navigation";
import { useState } from "react";
import { toast } from "sonner";
import { Button, buttonClass } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { CodeBlock } from "@/components/ui/code-block";
import { EmptyState } from "@/components/ui/empty-state";
import { ErrorState } from "@/components/ui/error-state";
import { ListIcon, RefreshIcon } from "@/components/ui/icons";
import { PageHeader } from "@/components/ui/page-header";
import { Select } from "@/components/ui/select";
import { SkeletonRows } from "@/components/ui/skeleton";
import { Table, Th } from "@/components/ui/table";
import { apiFetch, errorMessage } from "@/lib/client/api-fetch";
import type { RequestLogItem } from "@/lib/client/api-types";
import { useBaseUrl } from "@/lib/client/use-base-url";
import { useCatalog } from "@/lib/client/use-catalog";
import { LIVE_REFRESH_MS, useResource } from "@/lib/client/use-resource";
import { RequestRow } from "./request-row";

interface Page {
  items: RequestLogItem[];
  nextCursor: string | null;
}

const LIMIT = 50;
type StatusFilter = "" | "ok" | "error";

export function RequestsPage() {
  const { nameOf } = useCatalog();
  // ?request=<id> (the playground's "See the trail") opens that request's trail.
  const focusId = useSearchParams().get("request");
  const [status, setStatus] = useState<StatusFilter>("");
  const firstUrl = `/api/account/requests?limit=${LIMIT}${status ? `&status=${status}` : ""}`;
  // Live while the tab is visible: a new request shows up within a second or two.
  const first = useResource<Page>(firstUrl, { refreshMs: LIVE_REFRESH_MS / 2 });
  // Older pages fetched with "Load more"; dropped when the first page is refreshed.
  const [more, setMore] = useState<Page[]>([]);
  const [loadingMore, setLoadingMore] = useState(false);
  const pages = first.data ? [first.data, ...more] : [];
  const items = [...new Map(pages.flatMap((page) => page.items).map((item) => [item.id, item])).values()];
  const cursor = pages.at(-1)?.nextCursor ?? null;

  async function loadMore() {
    if (!cursor) return;
    setLoadingMore(true);
    try {
      const page = await apiFetch<Page>(`${firstUrl}&cursor=${encodeURIComponent(cursor)}`);
      setMore((current) => [...current, page]);
    } catch (error) {
      toast.error(errorMessage(error));
    } finally {
      setLoadingMore(false);
    }
  }

  async function refresh() {
    setMore([]);
    await first.reload();
  }

  return (
    <>
      <PageHeader
        title="Requests"
        description="Who answered each call, how long it took, and every provider tried on the way."
        action={
          <div className="flex items-center gap-2">
            <Select
              aria-label="Show requests"
              value={status}
              onChange={(event) => {
                setMore([]);
                setStatus(event.target.value as StatusFilter);
              }}
              className="w-40"
            >
              <option value="">All requests</option>
              <option value="ok">Successful</option>
              <option value="error">Errors only</option>
            </Select>
            <Button variant="secondary" icon={<RefreshIcon />} onClick={() => void refresh()}>
              Refresh
            </Button>
          </div>
        }
      />
      <Card>
        {first.error && !first.data ? (
          <ErrorState error={first.error} onRetry={first.reload} />
        ) : !first.data ? (
          <SkeletonRows rows={6} className="p-5" />
        ) : items.length === 0 && status ? (
          <EmptyState icon={<ListIcon className="size-5" />} title={status === "error" ? "No failed requests" : "No successful requests"}>
            Nothing in your recent requests matches this filter.
          </EmptyState>
        ) : items.length === 0 ? (
          <FirstRequest />
        ) : (
          <>
            <Table label="Recent requests" stack>
              <thead>
                <tr>
                  <Th>Time</Th>
                  <Th>Status</Th>
                  <Th>Model → answered by</Th>
                  <Th className="text-right">Latency</Th>
                  <Th className="text-right">Tokens</Th>
                  <Th>Key</Th>
                  <Th>API</Th>
                </tr>
              </thead>
              <tbody>
                {items.map((item) => (
                  <RequestRow key={item.id} item={item} nameOf={nameOf} initiallyOpen={item.requestId === focusId} />
                ))}
              </tbody>
            </Table>
            <div className="flex items-center justify-between gap-3 px-5 py-3 text-sm text-zinc-500 dark:text-zinc-400">
              <span>
                {items.length} {items.length === 1 ? "request" : "requests"}
              </span>
              {cursor ? (
                <Button variant="secondary" size="sm" loading={loadingMore} onClick={loadMore}>
                  Load more
                </Button>
              ) : (
                <span>That’s everything.</span>
              )}
            </div>
          </>
        )}
      </Card>
    </>
  );
}

function FirstRequest() {
  const baseUrl = useBaseUrl();
  const snippet = `curl ${baseUrl}/chat/completions \\
  -H "Authorization: Bearer $FREELLMAPI_KEY" \\
  -H "Content-Type: application/json" \\
  -d '{"model":"auto","messages":[{"role":"user","content":"Hello"}]}'`;
  return (
    <EmptyState
      icon={<ListIcon className="size-5" />}
      title="No requests yet"
      action={
        <div className="flex flex-wrap justify-center gap-2">
          <Link href="/dashboard/keys" className={buttonClass("primary", "sm")}>
            Create a unified key
          </Link>
          <Link href="/dashboard/playground" className={buttonClass("secondary", "sm")}>
            Try the playground
          </Link>
        </div>
      }
    >
      <p>Send a chat completion with a unified key and it shows up here with its fallback trail.</p>
      <div className="mt-4 text-left">
        <CodeBlock code={snippet} label="curl example" />
      </div>
    </EmptyState>
  );
}
