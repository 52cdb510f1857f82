"use client";

import Link from "next/link";
import { useState } from "react";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { CodeBlock } from "@/components/ui/code-block";
import { CopyButton } from "@/components/ui/copy-button";
import { Tabs } from "@/components/ui/tabs";
import { useBaseUrl } from "@/lib/client/use-base-url";
import { SNIPPET_TABS, buildSnippets, type SnippetId } from "./snippets";

export function QuickStart() {
  const baseUrl = useBaseUrl();
  const [tab, setTab] = useState<SnippetId>("curl");
  const snippets = buildSnippets(baseUrl);
  const label = SNIPPET_TABS.find((item) => item.id === tab)!.label;

  return (
    <Card aria-labelledby="quick-start-title">
      <CardHeader
        id="quick-start-title"
        title="Quick start"
        description={
          <>
            Point any OpenAI client at this base URL with a{" "}
            <Link href="/dashboard/keys" className="font-medium text-brand-700 hover:underline dark:text-brand-500">
              unified key
            </Link>
            .
          </>
        }
      />
      <CardBody className="space-y-4">
        <div className="flex flex-wrap items-center gap-2">
          <span className="text-sm font-medium text-zinc-600 dark:text-zinc-300" id="base-url-label">
            Base URL
          </span>
          <code
            aria-labelledby="base-url-label"
            data-testid="base-url"
            className="min-w-0 flex-1 truncate rounded-md border border-zinc-200 bg-zinc-50 px-2.5 py-1.5 font-mono text-sm dark:border-zinc-800 dark:bg-zinc-950"
          >
            {baseUrl}
          </code>
          <CopyButton value={baseUrl} label="Copy base URL" showLabel={false} />
        </div>
        <Tabs label="Code examples" tabs={SNIPPET_TABS} value={tab} onChange={(id) => setTab(id as SnippetId)}>
          <CodeBlock code={snippets[tab]} label={label} />
        </Tabs>
        <p className="text-xs text-zinc-500 dark:text-zinc-400">
          Models: <code className="font-mono">auto</code> walks your chain in order, <code className="font-mono">free-fast</code> picks the quickest,{" "}
          <code className="font-mono">free-smart</code> the most capable; or name one like <code className="font-mono">groq/llama-3.3-70b-versatile</code>.
        </p>
      </CardBody>
    </Card>
  );
}
