import type { Redis } from "@upstash/redis";
import type { Pipeline } from "@/lib/redis/write-batch";
import { DAY_MS, monthOf, monthStart } from "./limit-policy";
import type { LimitCounts, LimitPlan } from "./limit-types";

/**
 * All of a request's limits in ONE script call (one round trip, atomic). Not @upstash/ratelimit:
 * its limiters send one EVALSHA each (3-4 round trips here; the TCP-backed client has no
 * auto-pipelining), a limit refused by the account ceiling would still have spent the key's
 * token, and its limit is fixed per limiter while ours comes from each key's own settings.
 * Same integer rules as sliding-window.ts and limit-decision.ts.
 *
 * KEYS: bucket minute, bucket previous minute, account minute, account previous minute,
 *       bucket day requests, bucket day tokens, bucket month requests, bucket month tokens.
 * ARGV: window ms, elapsed ms in window, bucket limit, account limit, daily request cap (0 = none),
 *       daily token cap (0 = none), day keys' expiry (epoch ms), monthly request cap (0 = none),
 *       monthly token cap (0 = none), month keys' expiry (epoch ms).
 */
const SCRIPT = `
local W = tonumber(ARGV[1])
local e = tonumber(ARGV[2])
local v = redis.call('MGET', KEYS[1], KEYS[2], KEYS[3], KEYS[4], KEYS[5], KEYS[6], KEYS[7], KEYS[8])
local function window(c, p, limit)
  local used = p * (W - e) + (c + 1) * W
  if used <= limit * W then return 1, math.floor((limit * W - used) / W), 0 end
  if c >= limit then return 0, 0, W - e + math.ceil(W * (c - limit + 1) / c) end
  return 0, 0, math.max(1, W - math.floor((limit - c - 1) * W / p) - e)
end
local function n(i) return tonumber(v[i] or '0') end
local ok1, rem1, wait1 = window(n(1), n(2), tonumber(ARGV[3]))
local ok2, rem2, wait2 = window(n(3), n(4), tonumber(ARGV[4]))
local dayReq, dayTok, monReq, monTok = n(5), n(6), n(7), n(8)
local reqCap = tonumber(ARGV[5])
local tokCap = tonumber(ARGV[6])
local monReqCap = tonumber(ARGV[8])
local monTokCap = tonumber(ARGV[9])
local dayOk = (reqCap == 0 or dayReq + 1 <= reqCap) and (tokCap == 0 or dayTok < tokCap)
local monOk = (monReqCap == 0 or monReq + 1 <= monReqCap) and (monTokCap == 0 or monTok < monTokCap)
if ok1 == 1 and ok2 == 1 and dayOk and monOk then
  -- Each key's expiry is set when its first INCR creates it: every later write would set the same
  -- (day, month) or an expiry the key does not need (a minute key is read until its next window ends).
  if redis.call('INCR', KEYS[1]) == 1 then redis.call('PEXPIRE', KEYS[1], 2 * W) end
  if redis.call('INCR', KEYS[3]) == 1 then redis.call('PEXPIRE', KEYS[3], 2 * W) end
  if redis.call('INCR', KEYS[5]) == 1 then redis.call('PEXPIREAT', KEYS[5], ARGV[7]) end
  if redis.call('INCR', KEYS[7]) == 1 then redis.call('PEXPIREAT', KEYS[7], ARGV[10]) end
end
return { ok1, rem1, wait1, ok2, rem2, wait2, dayReq, dayTok, monReq, monTok }
`;

/**
 * KEYS: day tokens, month tokens. ARGV: tokens, day expiry, month expiry (epoch ms). One command in
 * the after-response pipeline instead of four; each expiry is set when the INCRBY creates its key.
 */
const ADD_TOKENS = `
local tokens = tonumber(ARGV[1])
if redis.call('INCRBY', KEYS[1], tokens) == tokens then redis.call('PEXPIREAT', KEYS[1], ARGV[2]) end
if redis.call('INCRBY', KEYS[2], tokens) == tokens then redis.call('PEXPIREAT', KEYS[2], ARGV[3]) end
return 1
`;

// Day keys outlive their day by an hour so a clock a little behind still reads the same count.
const dayExpiry = (day: number) => (day + 1) * DAY_MS + 3_600_000;
const monthExpiry = (month: number) => monthStart(month + 1) + 3_600_000;

export class RedisLimiter {
  private readonly script: { exec(keys: string[], args: string[]): Promise<number[]> };

  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {
    // Created once: EVALSHA by its sha, EVAL only the first time a Redis has not seen it.
    this.script = redis.createScript<number[]>(SCRIPT);
  }

  keys(plan: LimitPlan, now: number) {
    const window = Math.floor(now / plan.windowMs);
    const day = Math.floor(now / DAY_MS);
    const month = monthOf(now);
    const p = `${this.prefix}:rl`;
    return {
      bucket: [`${p}:m:${window}:${plan.bucket}`, `${p}:m:${window - 1}:${plan.bucket}`],
      account: [`${p}:m:${window}:${plan.account}`, `${p}:m:${window - 1}:${plan.account}`],
      dayRequests: `${p}:d:${day}:r:${plan.bucket}`,
      dayTokens: `${p}:d:${day}:t:${plan.bucket}`,
      dayExpiry: dayExpiry(day),
      monthRequests: `${p}:mo:${month}:r:${plan.bucket}`,
      monthTokens: `${p}:mo:${month}:t:${plan.bucket}`,
      monthExpiry: monthExpiry(month),
    };
  }

  async check(plan: LimitPlan, now: number): Promise<LimitCounts> {
    const k = this.keys(plan, now);
    const args = [
      ...[plan.windowMs, now % plan.windowMs, plan.rpm, plan.accountRpm],
      ...[plan.dailyRequestCap ?? 0, plan.dailyTokenCap ?? 0, k.dayExpiry],
      ...[plan.monthlyRequestCap ?? 0, plan.monthlyTokenCap ?? 0, k.monthExpiry],
    ];
    const r = await this.script.exec([...k.bucket, ...k.account, k.dayRequests, k.dayTokens, k.monthRequests, k.monthTokens], args.map(String));
    return {
      rpm: { allowed: r[0] === 1, remaining: r[1], retryAfterMs: r[2] },
      account: { allowed: r[3] === 1, remaining: r[4], retryAfterMs: r[5] },
      dayRequests: r[6],
      dayTokens: r[7],
      monthRequests: r[8],
      monthTokens: r[9],
    };
  }

  /** Today's token count, added to a pipeline that carries other writes too (lib/redis/write-batch). */
  addTokens(pipeline: Pipeline, bucket: string, tokens: number, now: number): void {
    const day = Math.floor(now / DAY_MS);
    const month = monthOf(now);
    const dayKey = `${this.prefix}:rl:d:${day}:t:${bucket}`;
    const monthKey = `${this.prefix}:rl:mo:${month}:t:${bucket}`;
    pipeline.eval(ADD_TOKENS, [dayKey, monthKey], [tokens, dayExpiry(day), monthExpiry(month)].map(String));
  }
}
