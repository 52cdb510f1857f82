"use client";

import Link from "next/link";
import { useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { CodeBlock } from "@/components/ui/code-block";
import { PageHeader } from "@/components/ui/page-header";
import { cn } from "@/lib/client/cn";
import { useGatewayOrigin } from "@/lib/client/use-base-url";
import { buildToolConfigs } from "./tool-configs";

export function ConnectPage() {
  const origin = useGatewayOrigin();
  const tools = buildToolConfigs(origin);
  const [selected, setSelected] = useState(tools[0].id);
  const tool = tools.find((item) => item.id === selected) ?? tools[0];

  return (
    <>
      <PageHeader
        title="Connect a tool"
        description={
          <>
            Copy-ready setup for the agents, editors and SDKs people use, filled in with this gateway&apos;s address. Replace{" "}
            <code className="font-mono">freellmapi-YOUR_KEY</code> with a{" "}
            <Link href="/dashboard/keys" className="font-medium text-brand-700 hover:underline dark:text-brand-500">
              unified key
            </Link>
            .
          </>
        }
      />
      <div className="grid gap-6 lg:grid-cols-[14rem_minmax(0,1fr)]">
        <nav aria-label="Tools">
          <ul className="flex flex-wrap gap-2 lg:flex-col lg:gap-1">
            {tools.map((item) => (
              <li key={item.id}>
                <button
                  type="button"
                  aria-current={item.id === tool.id ? "true" : undefined}
                  onClick={() => setSelected(item.id)}
                  className={cn(
                    "w-full rounded-md px-3 py-1.5 text-left text-sm font-medium transition-colors",
                    item.id === tool.id
                      ? "bg-zinc-900/5 text-zinc-900 ring-1 ring-brand-500/40 dark:bg-white/10 dark:text-white"
                      : "text-zinc-600 hover:bg-zinc-900/5 hover:text-zinc-900 dark:text-zinc-400 dark:hover:bg-white/5 dark:hover:text-zinc-100",
                  )}
                >
                  {item.name}
                </button>
              </li>
            ))}
          </ul>
        </nav>
        <Card aria-labelledby="tool-title" className="min-w-0">
          <CardHeader id="tool-title" title={tool.name} description={tool.summary} action={<Badge>{tool.protocol}</Badge>} />
          <CardBody className="space-y-4">
            {tool.steps.map((step) => (
              <CodeBlock key={step.label} code={step.code} label={step.label} testId={`config-${tool.id}-${step.label}`} />
            ))}
            {tool.note && <p className="text-sm text-zinc-500 dark:text-zinc-400">{tool.note}</p>}
          </CardBody>
        </Card>
      </div>
    </>
  );
}
