import Link from "next/link";

export function Logo({ href = "/dashboard" }: { href?: string }) {
  return (
    <Link href={href} className="inline-flex items-center gap-2 rounded-md font-semibold tracking-tight">
      <span className="flex size-7 items-center justify-center rounded-lg bg-brand-600 text-xs font-bold text-white" aria-hidden="true">
        f
      </span>
      <span>
        free<span className="text-brand-600">llm</span>api
      </span>
    </Link>
  );
}
