import Link from "next/link";
import { LandingSnippet } from "@/components/landing/landing-snippet";
import { ThemeToggle } from "@/components/theme-toggle";
import { PROVIDERS } from "@/lib/providers";

const STEPS = [
  { title: "Paste your free keys", body: "Groq, Gemini, OpenRouter, Cerebras, Mistral, NVIDIA NIM and more. Stored encrypted, never shown again." },
  { title: "Order the fallback chain", body: "Drag providers into the order you want. Pin a model per provider if you care which one answers." },
  { title: "Use one key everywhere", body: "Point any OpenAI client at your gateway. Rate limits, outages and quota resets are handled for you." },
];

export default function LandingPage() {
  const providers = Object.values(PROVIDERS).filter((provider) => !provider.userEndpoint);
  return (
    <div className="flex min-h-screen flex-col">
      <header className="mx-auto flex w-full max-w-6xl items-center justify-between px-6 py-5">
        <span className="font-semibold tracking-tight">
          free<span className="text-brand-600">llm</span>api
        </span>
        <nav className="flex items-center gap-2 text-sm">
          <ThemeToggle />
          <Link href="/login" className="rounded-md px-3 py-2 hover:bg-zinc-100 dark:hover:bg-zinc-800">
            Sign in
          </Link>
          <Link
            href="/signup"
            className="rounded-md bg-zinc-900 px-3 py-2 font-medium text-white hover:bg-zinc-700 dark:bg-white dark:text-zinc-900 dark:hover:bg-zinc-200"
          >
            Get started
          </Link>
        </nav>
      </header>

      <main className="mx-auto w-full max-w-6xl flex-1 px-6">
        <section className="py-16 sm:py-24">
          <p className="text-sm font-medium text-brand-600">Free tiers, pooled and failed over</p>
          <h1 className="mt-3 max-w-3xl text-4xl font-semibold tracking-tight text-balance sm:text-5xl">
            One OpenAI-compatible key over every free LLM provider.
          </h1>
          <p className="mt-5 max-w-2xl text-lg text-zinc-600 dark:text-zinc-400">
            freellmapi walks your chain of free providers on every request: it rotates keys, respects each provider&apos;s limits, cools down what is
            rate-limited and fails over until someone answers, streaming included.
          </p>
          <div className="mt-8 flex flex-wrap gap-3">
            <Link href="/signup" className="rounded-lg bg-brand-600 px-5 py-2.5 font-medium text-white hover:bg-brand-700">
              Create your gateway key
            </Link>
            <a href="#how" className="rounded-lg border border-zinc-300 px-5 py-2.5 font-medium hover:bg-zinc-50 dark:border-zinc-700 dark:hover:bg-zinc-900">
              How it works
            </a>
          </div>
        </section>

        <section id="how" className="grid gap-6 pb-16 sm:grid-cols-3">
          {STEPS.map((step, index) => (
            <div key={step.title} className="rounded-xl border border-zinc-200 p-6 dark:border-zinc-800">
              <span className="text-sm font-medium text-zinc-500">Step {index + 1}</span>
              <h2 className="mt-1 font-semibold">{step.title}</h2>
              <p className="mt-2 text-sm text-zinc-600 dark:text-zinc-400">{step.body}</p>
            </div>
          ))}
        </section>

        <section className="grid items-start gap-10 pb-24 lg:grid-cols-2">
          <div className="min-w-0">
            <h2 className="text-2xl font-semibold tracking-tight">Works with the client you already use</h2>
            <p className="mt-3 text-zinc-600 dark:text-zinc-400">
              Ask for <code className="font-mono text-sm">auto</code> to walk your chain, <code className="font-mono text-sm">free-fast</code> for the quickest
              first token, <code className="font-mono text-sm">free-smart</code> for the most capable model, or name a model such as{" "}
              <code className="font-mono text-sm">groq/llama-3.3-70b-versatile</code>.
            </p>
            <ul className="mt-6 flex flex-wrap gap-2" aria-label="Supported providers">
              {providers.map((provider) => (
                <li key={provider.id} className="rounded-full border border-zinc-200 px-3 py-1 text-sm dark:border-zinc-800">
                  {provider.name}
                </li>
              ))}
            </ul>
          </div>
          <LandingSnippet />
        </section>
      </main>

      <footer className="border-t border-zinc-200 py-6 text-center text-sm text-zinc-500 dark:border-zinc-800">freellmapi · free and open source</footer>
    </div>
  );
}
