-- The chat's and the bot's next slots if the chat is free now (RedisPacer.tryReserve).
-- KEYS[1] bot slot, KEYS[2] chat slot, KEYS[3] the chat's last slots (a list, oldest first);
-- ARGV bot interval, chat interval, window max (0: none), window ms. {1, wait} reserved, {0, wait} busy.
-- A chat's slots only grow (the next is at least a chat interval after the last), so the list stays sorted.
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local chatNext = tonumber(redis.call('GET', KEYS[2]) or '0')
if chatNext > now then return {0, tostring(chatNext - now)} end
local at = math.max(now, tonumber(redis.call('GET', KEYS[1]) or '0'))
local g = at + tonumber(ARGV[1])
local c = at + tonumber(ARGV[2])
local max = tonumber(ARGV[3])
if max > 0 then
  local windowMs = tonumber(ARGV[4])
  redis.call('RPUSH', KEYS[3], tostring(at))
  redis.call('LTRIM', KEYS[3], -max, -1)
  redis.call('PEXPIRE', KEYS[3], math.ceil(at - now + windowMs) + 60000)
  if redis.call('LLEN', KEYS[3]) >= max then
    c = math.max(c, tonumber(redis.call('LINDEX', KEYS[3], 0)) + windowMs)
  end
end
redis.call('SET', KEYS[1], tostring(g), 'PX', math.ceil(g - now) + 60000)
redis.call('SET', KEYS[2], tostring(c), 'PX', math.ceil(c - now) + 60000)
return {1, tostring(at - now)}
