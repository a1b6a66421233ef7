import { readFileSync } from 'node:fs';
import type { Redis } from 'ioredis';
import type { ChatTurn, PaceDecision, Pacer, PaceRequest, TurnRequest } from './pacer.js';

/** A Lua script next to this file, read once at module load (tsx and jest both run the sources as ES modules). */
function script(name: string): string {
  return readFileSync(new URL(`./${name}`, import.meta.url), 'utf8');
}

const TURN_SCRIPT = script('take-turn.lua');
const RELEASE_SCRIPT = script('release-turn.lua');
const RESERVE_SCRIPT = script('reserve-slot.lua');
const HOLD_SCRIPT = script('hold-chat.lua');

/** The same decisions as MemoryPacer, atomically in Redis (server time), shared by every worker process. */
export class RedisPacer implements Pacer {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  async takeTurn(request: TurnRequest): Promise<ChatTurn> {
    const [at, wait] = (await this.redis.eval(
      TURN_SCRIPT,
      3,
      ...this.turnKeys(request.chatKey),
      String(request.chatIntervalMs),
      String(request.chatWindow?.max ?? 0),
      String(request.chatWindow?.windowMs ?? 0),
    )) as [string, string];
    return { waitMs: Math.max(0, Number(wait)), token: at };
  }

  async releaseTurn(request: TurnRequest, token: string): Promise<void> {
    await this.redis.eval(
      RELEASE_SCRIPT,
      3,
      ...this.turnKeys(request.chatKey),
      token,
      String(request.chatIntervalMs),
    );
  }

  private turnKeys(chatKey: string): [string, string, string] {
    return [this.key(chatKey), this.key(`${chatKey}:turn`), this.key(`${chatKey}:turns`)];
  }

  async tryReserve(request: PaceRequest): Promise<PaceDecision> {
    const window = request.chatWindow;
    const [reserved, wait] = (await this.redis.eval(
      RESERVE_SCRIPT,
      3,
      this.key(request.globalKey),
      this.key(request.chatKey),
      this.key(`${request.chatKey}:slots`),
      String(request.globalIntervalMs),
      String(request.chatIntervalMs),
      String(window?.max ?? 0),
      String(window?.windowMs ?? 0),
    )) as [number, string];
    const waitMs = Math.max(0, Number(wait));
    return reserved === 1 ? { reserved: true, waitMs } : { reserved: false, waitMs };
  }

  private key(name: string): string {
    return `${this.prefix}:pace:${name}`;
  }

  async holdChat(chatKey: string, ms: number): Promise<void> {
    await this.redis.eval(HOLD_SCRIPT, 1, this.key(chatKey), String(Math.ceil(ms)));
  }
}
