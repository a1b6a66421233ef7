-- Gives a turn back (RedisPacer.releaseTurn). KEYS as take-turn.lua; ARGV turn, chat interval.
-- Only the last turn handed out is given back.
local at = tonumber(ARGV[1])
if math.abs(tonumber(redis.call('GET', KEYS[2]) or '0') - (at + tonumber(ARGV[2]))) > 0.5 then return 0 end
redis.call('SET', KEYS[2], tostring(at), 'KEEPTTL')
if math.abs(tonumber(redis.call('LINDEX', KEYS[3], -1) or '-1') - at) <= 0.5 then redis.call('RPOP', KEYS[3]) end
return 1
