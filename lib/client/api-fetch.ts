// The one way the dashboard talks to /api/account: JSON in, JSON out, the error envelope thrown.

export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly code: string,
    readonly param?: string,
    readonly requestId?: string,
  ) {
    super(message);
    this.name = "ApiError";
  }
}

interface Envelope {
  error?: { code?: string; message?: string; param?: string; requestId?: string; type?: string };
}

export async function apiFetch<T>(path: string, init: { method?: string; body?: unknown; signal?: AbortSignal } = {}): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, {
      method: init.method ?? "GET",
      headers: init.body === undefined ? undefined : { "content-type": "application/json" },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
      signal: init.signal,
      credentials: "same-origin",
      cache: "no-store",
    });
  } catch (error) {
    if ((error as Error).name === "AbortError") throw error;
    throw new ApiError("Could not reach the server. Check your connection and try again.", 0, "network_error");
  }
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  const body = text ? safeParse(text) : undefined;
  if (!response.ok) {
    const error = (body as Envelope | undefined)?.error;
    // A lapsed session mid-visit sends the person back to sign in instead of a dead page.
    if (response.status === 401 && typeof window !== "undefined" && path.startsWith("/api/account/") && !path.startsWith("/api/account/signup")) {
      // A full load on purpose: whatever state the page held belongs to the old session.
      // eslint-disable-next-line @next/next/no-location-assign-relative-destination
      window.location.assign(`/login?next=${encodeURIComponent(window.location.pathname)}`);
    }
    throw new ApiError(
      error?.message ?? `The server answered ${response.status}.`,
      response.status,
      error?.code ?? error?.type ?? "http_error",
      error?.param,
      error?.requestId,
    );
  }
  return body as T;
}

function safeParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** The message to show a person: next to its field, so without the API's `param: ` prefix. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError && error.param && error.message.startsWith(`${error.param}: `)) return error.message.slice(error.param.length + 2);
  return error instanceof Error ? error.message : "Something went wrong.";
}
