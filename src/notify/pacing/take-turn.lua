-- A message's turn in its chat (RedisPacer.takeTurn; the same decision as MemoryPacer.takeTurn).
-- KEYS[1] chat slot, KEYS[2] chat's next turn, KEYS[3] the chat's last turns (a list, oldest first);
-- ARGV chat interval, window max (0: none), window ms. Returns {turn, wait} (turn in server ms).
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local at = math.max(now, tonumber(redis.call('GET', KEYS[1]) or '0'), tonumber(redis.call('GET', KEYS[2]) or '0'))
local max = tonumber(ARGV[2])
if max > 0 then
  local windowMs = tonumber(ARGV[3])
  if redis.call('LLEN', KEYS[3]) >= max then
    at = math.max(at, tonumber(redis.call('LINDEX', KEYS[3], 0)) + windowMs)
  end
  redis.call('RPUSH', KEYS[3], tostring(at))
  redis.call('LTRIM', KEYS[3], -max, -1)
  redis.call('PEXPIRE', KEYS[3], math.ceil(at - now + windowMs) + 60000)
end
local nextTurn = at + tonumber(ARGV[1])
redis.call('SET', KEYS[2], tostring(nextTurn), 'PX', math.ceil(nextTurn - now) + 60000)
return {tostring(at), tostring(at - now)}
