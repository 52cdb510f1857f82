/** Only same-site paths may be a post-sign-in destination, never `//host` or a full URL. */
export function safeNext(value: string | string[] | undefined, fallback = "/dashboard"): string {
  const next = Array.isArray(value) ? value[0] : value;
  return next && next.startsWith("/") && !next.startsWith("//") && !next.startsWith("/\\") ? next : fallback;
}
