import Link from "next/link";
import { buttonClass } from "@/components/ui/button";
import { CheckIcon } from "@/components/ui/icons";
import { cn } from "@/lib/client/cn";
import type { Overview } from "@/lib/client/api-types";

const STEPS = [
  {
    key: "providerKeys",
    title: "Add a provider key",
    body: "Paste a free key from Groq, Gemini, OpenRouter or another provider.",
    href: "/dashboard/providers",
    cta: "Add a key",
  },
  {
    key: "chainEntries",
    title: "Order your fallback chain",
    body: "Drag providers into the order the gateway should try them.",
    href: "/dashboard/chain",
    cta: "Open the chain",
  },
  {
    key: "apiKeys",
    title: "Create a unified key",
    body: "One freellmapi- key for every app, used like an OpenAI key.",
    href: "/dashboard/keys",
    cta: "Create a key",
  },
] as const;

export function OnboardingChecklist({ counts }: { counts: Overview["counts"] }) {
  const done = STEPS.filter((step) => counts[step.key] > 0).length;
  const nextIndex = STEPS.findIndex((step) => counts[step.key] === 0);
  return (
    <section
      aria-labelledby="onboarding-title"
      className="rounded-xl border border-brand-500/30 bg-gradient-to-br from-brand-50 to-white p-5 sm:p-6 dark:from-brand-700/10 dark:to-zinc-900/60"
    >
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id="onboarding-title" className="font-semibold tracking-tight">
          Get your gateway running
        </h2>
        <span className="text-sm text-zinc-500 dark:text-zinc-400">{done} of 3 done</span>
      </div>
      <div
        className="mt-3 h-1.5 overflow-hidden rounded-full bg-zinc-200 dark:bg-zinc-800"
        role="progressbar"
        aria-label="Setup progress"
        aria-valuemin={0}
        aria-valuemax={3}
        aria-valuenow={done}
      >
        <div className="h-full rounded-full bg-brand-600 transition-all" style={{ width: `${(done / 3) * 100}%` }} />
      </div>
      <ol className="mt-5 grid gap-3 md:grid-cols-3">
        {STEPS.map((step, index) => {
          const complete = counts[step.key] > 0;
          const current = index === nextIndex;
          return (
            <li
              key={step.key}
              className={cn(
                "flex flex-col rounded-lg border bg-white p-4 dark:bg-zinc-900",
                current ? "border-brand-500/60 shadow-sm" : "border-zinc-200 dark:border-zinc-800",
              )}
            >
              <div className="flex items-center gap-2">
                <span
                  className={cn(
                    "flex size-6 items-center justify-center rounded-full text-xs font-semibold",
                    complete ? "bg-brand-600 text-white" : "bg-zinc-100 text-zinc-600 dark:bg-zinc-800 dark:text-zinc-300",
                  )}
                >
                  {complete ? <CheckIcon className="size-3.5" /> : index + 1}
                </span>
                <h3 className={cn("text-sm font-medium", complete && "text-zinc-500 line-through")}>{step.title}</h3>
                {complete && <span className="sr-only">(done)</span>}
              </div>
              <p className="mt-2 flex-1 text-sm text-zinc-500 dark:text-zinc-400">{step.body}</p>
              {!complete && (
                <Link href={step.href} className={buttonClass(current ? "primary" : "secondary", "sm", "mt-3 self-start")}>
                  {step.cta}
                </Link>
              )}
            </li>
          );
        })}
      </ol>
    </section>
  );
}
