/**
 * The Lua behind RedisStore's atomic steps. Redis runs a script as one step: no other command runs
 * in between (https://redis.io/docs/latest/develop/interactive/programmability/eval-intro/), so a
 * quota reservation by one process can never interleave with another's.
 *
 * `TAKE_SCRIPT` is `mergeBucket` then `takeFromBucket` of src/core/bucket.ts, rule for rule; keep
 * them in step (test/redis/redis-store.test.ts runs the same cases against both).
 */
import { createHash } from 'node:crypto';
import { RESET_GUARD_MS, UNKNOWN_RESET_WAIT_MS } from '../core/bucket.js';

// The bucket keeps its record this long past its reset (bucket.ts bucketTtlMs), so idle buckets leave Redis.
const BUCKET_MARGIN_MS = 60 * 60 * 1000;

/**
 * KEYS[1] the bucket hash (fields limit, remaining, resetAt, pending; absent field = unknown).
 * ARGV: cost, now (epoch ms), hasState ('1'/'0'), state limit, state remaining, state resetAt ('' = absent).
 * Returns { ok (1/0), waitMs }.
 */
export const TAKE_SCRIPT = `
local function num(value)
  if value == nil or value == false or value == '' then return nil end
  return tonumber(value)
end

local function rollOver(bucket, now)
  if bucket.resetAt == nil or bucket.resetAt > now then return bucket end
  if bucket.limit == nil then return {} end
  return { limit = bucket.limit, remaining = bucket.limit }
end

local function minDefined(a, b)
  if a == nil then return b end
  if b == nil then return a end
  return math.min(a, b)
end

local cost = tonumber(ARGV[1])
local now = tonumber(ARGV[2])
local fields = redis.call('HMGET', KEYS[1], 'limit', 'remaining', 'resetAt', 'pending')
local current = rollOver({ limit = num(fields[1]), remaining = num(fields[2]), resetAt = num(fields[3]), pending = num(fields[4]) }, now)

-- mergeBucket: fold what the platform reported
if ARGV[3] == '1' then
  local reportedReset = num(ARGV[6])
  local limit = num(ARGV[4])
  if limit == nil then limit = current.limit end
  local stale = reportedReset ~= nil and reportedReset <= now
  if not stale then
    if reportedReset == nil or current.resetAt == nil or reportedReset == current.resetAt then
      local resetAt = reportedReset
      if resetAt == nil then resetAt = current.resetAt end
      local reported = num(ARGV[5])
      local blind = 0
      if current.remaining == nil and reported ~= nil and current.pending ~= nil then blind = math.max(0, current.pending - 1) end
      if reported ~= nil then reported = math.max(0, reported - blind) end
      local remaining = minDefined(current.remaining, reported)
      local pending = nil
      if remaining == nil then pending = current.pending end
      current = { limit = limit, remaining = remaining, resetAt = resetAt, pending = pending }
    elseif reportedReset > current.resetAt then
      current = { limit = limit, remaining = num(ARGV[5]), resetAt = reportedReset }
    end
  end
end

-- takeFromBucket: reserve cost, or say how long until there is room
current = rollOver(current, now)
local ok = 1
local waitMs = 0
if current.remaining == nil and cost > 0 then
  current.pending = (current.pending or 0) + cost
elseif current.remaining ~= nil and cost > 0 then
  if current.resetAt ~= nil and current.resetAt - now < ${RESET_GUARD_MS} then
    ok = 0
    waitMs = math.max(1, current.resetAt - now)
  elseif current.remaining >= cost then
    current.remaining = current.remaining - cost
  else
    ok = 0
    if current.resetAt == nil then waitMs = ${UNKNOWN_RESET_WAIT_MS} else waitMs = math.max(1, current.resetAt - now) end
  end
end

redis.call('DEL', KEYS[1])
if current.limit ~= nil or current.remaining ~= nil or current.resetAt ~= nil or current.pending ~= nil then
  local record = {}
  if current.pending ~= nil then table.insert(record, 'pending'); table.insert(record, string.format('%.17g', current.pending)) end
  if current.limit ~= nil then table.insert(record, 'limit'); table.insert(record, string.format('%.17g', current.limit)) end
  if current.remaining ~= nil then table.insert(record, 'remaining'); table.insert(record, string.format('%.17g', current.remaining)) end
  if current.resetAt ~= nil then table.insert(record, 'resetAt'); table.insert(record, string.format('%.17g', current.resetAt)) end
  redis.call('HSET', KEYS[1], unpack(record))
  local base = 0
  if current.resetAt ~= nil then base = math.max(current.resetAt - now, 0) end
  redis.call('PEXPIRE', KEYS[1], math.floor(base + ${BUCKET_MARGIN_MS}))
end
return { ok, math.ceil(waitMs) }
`;

/** The SHA-1 Redis names a script by, for EVALSHA. */
export function scriptSha(script: string): string {
  return createHash('sha1').update(script).digest('hex');
}

export const TAKE_SCRIPT_SHA = scriptSha(TAKE_SCRIPT);
