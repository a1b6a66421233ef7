-- Nothing goes to the chat before ARGV[1] ms from now (RedisPacer.holdChat, after a 429). KEYS[1] chat slot.
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local untilMs = now + tonumber(ARGV[1])
local current = tonumber(redis.call('GET', KEYS[1]) or '0')
if untilMs > current then redis.call('SET', KEYS[1], tostring(untilMs), 'PX', math.ceil(ARGV[1]) + 60000) end
return 1
