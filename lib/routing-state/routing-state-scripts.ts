/**
 * Lua for RedisRoutingState. Each runs atomically in one round trip and touches only the
 * keys it is given (as Upstash and Redis Cluster require). Lua `false` answers as nil,
 * which keeps positions in the flat arrays the snapshot returns.
 */

/**
 * KEYS: usage window hashes in pairs (minute, day) per target. ARGV: requests, tokens, minute
 * ttl ms, day ttl ms. Sent with EVAL inside the after-response pipeline: one command there
 * instead of six per target. A window's key is its own (minute or day in its name), so its expiry
 * is set once, by the write that creates it (a field back at exactly what was added); the TTLs
 * outlast the window by more than the window itself.
 */
export const RECORD_USAGE = `
local requests = tonumber(ARGV[1])
local tokens = tonumber(ARGV[2])
for i = 1, #KEYS do
  local created = nil
  if requests > 0 then created = redis.call('HINCRBY', KEYS[i], 'r', requests) == requests end
  if tokens > 0 then
    local createdByTokens = redis.call('HINCRBY', KEYS[i], 't', tokens) == tokens
    if created == nil then created = createdByTokens end
  end
  if created then redis.call('PEXPIRE', KEYS[i], i % 2 == 1 and ARGV[3] or ARGV[4]) end
end
return 1
`;

/** KEYS: blocked zset, reasons hash. ARGV: target, until, reason, now. 1 when this block won. */
export const BLOCK = `
local current = redis.call('ZSCORE', KEYS[1], ARGV[1])
if current and tonumber(current) >= tonumber(ARGV[2]) then return 0 end
redis.call('ZADD', KEYS[1], ARGV[2], ARGV[1])
redis.call('HSET', KEYS[2], ARGV[1], ARGV[3])
local expired = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[4], 'LIMIT', 0, 100)
if #expired > 0 then
  redis.call('ZREM', KEYS[1], unpack(expired))
  redis.call('HDEL', KEYS[2], unpack(expired))
end
local last = redis.call('ZRANGE', KEYS[1], -1, -1, 'WITHSCORES')
if #last > 0 then
  local expireAt = math.floor(tonumber(last[2])) + 60000
  redis.call('PEXPIREAT', KEYS[1], expireAt)
  redis.call('PEXPIREAT', KEYS[2], expireAt)
end
return 1
`;

/**
 * Breaker hash fields: f = consecutive failures, r = retryAt (epoch ms), c = cooldown ms,
 * h = 1 while the one half-open probe is out. Same rules as MemoryRoutingState.
 */

/**
 * KEYS: breaker hash, open-breakers zset. ARGV: target, now, threshold, cooldown ms, ttl ms.
 * Opens at the threshold (each further failure restarts the cooldown); a failed probe reopens it.
 */
export const RECORD_FAILURE = `
local failures = redis.call('HINCRBY', KEYS[1], 'f', 1)
local now = tonumber(ARGV[2])
local probing = redis.call('HGET', KEYS[1], 'h') == '1'
redis.call('HSET', KEYS[1], 'c', ARGV[4])
if probing or failures >= tonumber(ARGV[3]) then
  local retryAt = now + tonumber(ARGV[4])
  redis.call('HSET', KEYS[1], 'r', retryAt, 'h', 0)
  redis.call('ZADD', KEYS[2], retryAt, ARGV[1])
  redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now)
  local last = redis.call('ZRANGE', KEYS[2], -1, -1, 'WITHSCORES')
  redis.call('PEXPIREAT', KEYS[2], math.floor(tonumber(last[2])) + 60000)
end
redis.call('PEXPIRE', KEYS[1], ARGV[5])
return failures
`;

/**
 * KEYS: blocked zset, reasons hash, then per target: breaker hash, minute hash, day hash, then
 * (when ARGV[2] is 1) a user's routing-version hash. ARGV: now, 0 or 1, then the targets. Returns 9
 * values per target: until, reason, breaker state (0 closed, 1 open, 2 half_open), failures,
 * retryAt, minute requests, minute tokens, day requests, day tokens; then the routing version when
 * asked for (a reason only while its block lasts; the blocks in one ZMSCORE). Reads only: an open
 * breaker past its retryAt shows half_open, and its probe is claimed by CLAIM_PROBE. Every value
 * but a block's reason is a number or nil: @upstash/redis tries JSON.parse on each element of a
 * reply, and each one that is not JSON throws inside it (a word per target cost about 5 µs a
 * target, for every request).
 */
export const SNAPSHOT = `
local now = tonumber(ARGV[1])
local targets = {}
for i = 3, #ARGV do targets[#targets + 1] = ARGV[i] end
local untils = #targets > 0 and redis.call('ZMSCORE', KEYS[1], unpack(targets)) or {}
local out = {}
for i, target in ipairs(targets) do
  local base = 2 + (i - 1) * 3
  local blockedUntil = untils[i]
  local reason = blockedUntil and tonumber(blockedUntil) > now and redis.call('HGET', KEYS[2], target)
  local breaker = redis.call('HMGET', KEYS[base + 1], 'f', 'r')
  local state = 0
  local retryAt = breaker[2] and tonumber(breaker[2])
  if retryAt and retryAt <= now then
    state = 2
    retryAt = false
  elseif retryAt then
    state = 1
  end
  local minute = redis.call('HMGET', KEYS[base + 2], 'r', 't')
  local day = redis.call('HMGET', KEYS[base + 3], 'r', 't')
  local values = {
    blockedUntil, reason,
    state, breaker[1], retryAt, minute[1], minute[2], day[1], day[2],
  }
  for j = 1, 9 do out[#out + 1] = values[j] or false end
end
if ARGV[2] == '1' then out[#out + 1] = redis.call('HGET', KEYS[#KEYS], 'v') or false end
return out
`;

/**
 * KEYS: a user's routing-version hash (field v = the version, c:<provider key id> = the version
 * that cleared that key). ARGV: ttl ms, then the cleared key ids. Returns the new version.
 */
export const ROUTING_CHANGED = `
local version = redis.call('HINCRBY', KEYS[1], 'v', 1)
for i = 2, #ARGV do redis.call('HSET', KEYS[1], 'c:' .. ARGV[i], version) end
redis.call('PEXPIRE', KEYS[1], ARGV[1])
return version
`;

/**
 * KEYS: breaker hash, open zset. ARGV: target, now. 1 for the one caller that claims the probe of a
 * breaker past its retryAt (it stays claimed for one cooldown, or until the probe reports), else 0.
 */
export const CLAIM_PROBE = `
local breaker = redis.call('HMGET', KEYS[1], 'r', 'c')
local retryAt = breaker[1] and tonumber(breaker[1])
local now = tonumber(ARGV[2])
if not retryAt or retryAt > now then return 0 end
local claimedUntil = now + tonumber(breaker[2] or '0')
redis.call('HSET', KEYS[1], 'r', claimedUntil, 'h', 1)
redis.call('ZADD', KEYS[2], claimedUntil, ARGV[1])
local last = redis.call('ZRANGE', KEYS[2], -1, -1, 'WITHSCORES')
redis.call('PEXPIREAT', KEYS[2], math.floor(tonumber(last[2])) + 60000)
return 1
`;

/** KEYS: blocked zset, reasons hash, open zset. ARGV: now. Flat triples: target, until, reason. */
export const LIST_BLOCKED = `
local out = {}
local blocked = redis.call('ZRANGEBYSCORE', KEYS[1], '(' .. ARGV[1], '+inf', 'WITHSCORES')
for i = 1, #blocked, 2 do
  local reason = redis.call('HGET', KEYS[2], blocked[i]) or 'rate_limited'
  out[#out + 1] = blocked[i]; out[#out + 1] = blocked[i + 1]; out[#out + 1] = reason
end
local open = redis.call('ZRANGEBYSCORE', KEYS[3], '(' .. ARGV[1], '+inf', 'WITHSCORES')
for i = 1, #open, 2 do
  out[#out + 1] = open[i]; out[#out + 1] = open[i + 1]; out[#out + 1] = 'circuit_open'
end
return out
`;

/**
 * KEYS: blocked zset, reasons hash, open zset. ARGV: target prefix. Drops every block and open
 * breaker whose target starts with the prefix; returns those targets so the caller can delete
 * their breaker hashes (keys a script may not name itself).
 */
export const CLEAR_PREFIX = `
local removed = {}
for _, key in ipairs({ KEYS[1], KEYS[3] }) do
  local members = redis.call('ZRANGE', key, 0, -1)
  for _, member in ipairs(members) do
    if string.sub(member, 1, #ARGV[1]) == ARGV[1] then
      redis.call('ZREM', key, member)
      if key == KEYS[1] then redis.call('HDEL', KEYS[2], member) end
      removed[#removed + 1] = member
    end
  end
end
return removed
`;

/** KEYS: a user's routing-version hash. Flat pairs: field, value (HGETALL, as one shape over every transport). */
export const READ_ROUTING_VERSION = `
return redis.call('HGETALL', KEYS[1])
`;
