import dns from "node:dns";
import net from "node:net";
import { Agent, buildConnector, type Dispatcher } from "undici";
import { UnsafeUpstreamError } from "../errors";
import { blockedAddressRange, describeRange } from "./address-policy";

export interface OutboundAgentOptions {
  /** ALLOW_PRIVATE_UPSTREAMS, or a base URL the operator set: addresses are not checked. */
  allowPrivate: boolean;
  connectTimeoutMs: number;
  /** The resolver (tests inject one); the answer is checked before any socket is opened. */
  lookup?: net.LookupFunction;
}

/**
 * The undici Agent every provider call goes through. Guarded, it checks the address it is about
 * to connect to: IP-literal hosts before connecting, names in the DNS lookup hook, so a name that
 * resolves (or rebinds) to a private address is refused at connect time. Redirects are never
 * followed by `request` on this agent; callers treat a 3xx as a provider error.
 */
export function createOutboundAgent({ allowPrivate, connectTimeoutMs, lookup = dns.lookup as net.LookupFunction }: OutboundAgentOptions): Agent {
  const pool = { keepAliveTimeout: 30_000, keepAliveMaxTimeout: 300_000, connections: 128 };
  if (allowPrivate) return new Agent({ connect: { timeout: connectTimeoutMs }, ...pool });
  const connect = buildConnector({ timeout: connectTimeoutMs, lookup: guardedLookup(lookup) });
  const guarded: buildConnector.connector = (options, callback) => {
    const range = net.isIP(options.hostname) ? blockedAddressRange(options.hostname) : null;
    if (range) return callback(refusal(options.hostname, options.hostname, range), null);
    connect(options, callback);
  };
  return new Agent({ connect: guarded, ...pool });
}

// One Agent (a keep-alive pool per origin inside) per policy and connect timeout, kept for the process.
const agents = new Map<string, Agent>();

export function outboundDispatcher(options: Omit<OutboundAgentOptions, "lookup">): Dispatcher {
  const id = `${options.allowPrivate ? "open" : "guarded"}:${options.connectTimeoutMs}`;
  let agent = agents.get(id);
  if (!agent) {
    agent = createOutboundAgent(options);
    agents.set(id, agent);
  }
  return agent;
}

function guardedLookup(lookup: net.LookupFunction): net.LookupFunction {
  return (hostname, options, callback) =>
    lookup(hostname, options, (error, address, family) => {
      if (error) return callback(error, address, family);
      const answers = Array.isArray(address) ? address : [{ address, family: family ?? 0 }];
      for (const answer of answers) {
        const range = blockedAddressRange(answer.address);
        if (range) return callback(refusal(hostname, answer.address, range), Array.isArray(address) ? [] : "", family);
      }
      callback(null, address, family);
    });
}

function refusal(host: string, address: string, range: string): UnsafeUpstreamError & NodeJS.ErrnoException {
  const where = host === address ? `${address} is` : `${host} resolves to ${address},`;
  return new UnsafeUpstreamError(
    `Refused to connect: ${where} a ${describeRange(range)} address, not a public one (set ALLOW_PRIVATE_UPSTREAMS=true to allow private upstreams).`,
  );
}
