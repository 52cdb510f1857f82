import type { ServerResponse } from "node:http";
import { sendJson } from "./http-io";
import type { MockState } from "./mock-state";
import type { Fault } from "./types";

interface FaultsPayload {
  faults?: Fault[];
  default?: Fault | null;
  append?: boolean;
}

/**
 * Out-of-band control for mocks running in another process (serve.ts, Playwright, bench):
 * GET /__mock/requests, POST /__mock/faults {faults, default, append}, POST /__mock/reset.
 */
export function handleControl(state: MockState, path: string, method: string, rawBody: string, res: ServerResponse): void {
  if (method === "GET" && path === "/__mock/requests") return sendJson(res, 200, { requests: state.requests });
  if (method === "POST" && path === "/__mock/reset") {
    state.requests.length = 0;
    state.faults.clear();
    state.served = 0;
    return sendJson(res, 200, { ok: true });
  }
  if (method === "POST" && path === "/__mock/faults") {
    let payload: FaultsPayload;
    try {
      payload = JSON.parse(rawBody || "{}") as FaultsPayload;
    } catch {
      return sendJson(res, 400, { error: "body must be JSON" });
    }
    if (payload.append) state.faults.enqueue(payload.faults ?? []);
    else state.faults.set(payload.faults ?? [], payload.default ?? undefined);
    if (payload.append && payload.default !== undefined) state.faults.setDefault(payload.default ?? undefined);
    return sendJson(res, 200, { ok: true, pending: state.faults.pending });
  }
  return sendJson(res, 404, { error: `No control route ${method} ${path}` });
}
