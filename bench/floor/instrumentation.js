// Present so Next.js does not take the repository's own instrumentation.ts for this app's.
export function register() {}
