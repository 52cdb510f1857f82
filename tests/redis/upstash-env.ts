import { inject } from "vitest";

const rest = inject("upstashRest");
if (rest) {
  // The process-wide client (getRedis) reads the environment: point it at the REST server too.
  process.env.UPSTASH_REDIS_REST_URL = rest.url;
  process.env.UPSTASH_REDIS_REST_TOKEN = rest.token;
  // Node loads its fetch implementation on first use, blocking for a while: not a Redis timeout.
  await fetch(rest.url, { method: "POST", headers: { authorization: `Bearer ${rest.token}` }, body: JSON.stringify(["PING"]) });
}
