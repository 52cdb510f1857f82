import { AppError } from "@/lib/errors";

/**
 * Reads a JSON body without trusting Content-Length: the stream is counted as it arrives and
 * abandoned past `maxBytes`, so an oversized body costs at most that much memory.
 */
export async function readJsonBody(request: Request, maxBytes: number): Promise<unknown> {
  const declared = Number(request.headers.get("content-length") ?? NaN);
  const tooLarge = () => new AppError("payload_too_large", `The request body is larger than ${maxBytes} bytes`);
  if (declared > maxBytes) throw tooLarge();
  if (!request.body) throw new AppError("invalid_json", "The request has no body; send a JSON object");

  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    // The body stream fails only when its connection does: the client went away mid-body.
    const { done, value } = await reader.read().catch(() => {
      throw new AppError("client_closed", "The client closed the connection before its body ended.");
    });
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(value);
  }
  const text = Buffer.concat(chunks).toString("utf8");
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new AppError("invalid_json", `The body is not valid JSON: ${(error as Error).message}`);
  }
}
