import { createHash, randomBytes } from 'node:crypto';
import type { Orm } from '../../db/orm.js';
import type { TelegramBot } from '../../telegram/telegram-link.entity.js';
import { canonicalJson } from '../../workflow/domain/canonical-json.js';

/** What a pressed button asks for: an action name and its arguments (ids), as the server recorded them. */
export interface CallbackAction {
  action: string;
  args: Record<string, string>;
}

const CACHE_LIMIT = 20_000;
const STATIC_PREFIX = 'a:';
const TOKEN_PREFIX = 't:';

/**
 * Inline buttons carry no content the bot would act on. A button is either a fixed action without arguments
 * (`a:menu.requests`: a choice from a closed list, no more trusted than a typed command), or `t:<id>`, an
 * opaque random id that `bot_callback_tokens` maps to an action and its ids. Whatever a button says, the
 * handler still checks the presser and the current state; forged or stale data resolves to nothing.
 */
export class CallbackRegistry {
  private readonly idsByDigest = new Map<string, string>();
  private readonly actionsById = new Map<string, CallbackAction>();

  constructor(
    private readonly orm: Orm,
    private readonly bot: TelegramBot,
    private readonly staticActions: ReadonlySet<string>,
  ) {}

  /** The data of a button for a fixed action. */
  fixed(action: string): string {
    if (!this.staticActions.has(action))
      throw new Error(`${action} is not a fixed action of the ${this.bot} bot`);
    return `${STATIC_PREFIX}${action}`;
  }

  /** The data of a button for an action with arguments: one token, created on first use. */
  async token(action: string, args: Record<string, string>): Promise<string> {
    const [data] = await this.tokens([{ action, args }]);
    if (data === undefined) throw new Error('no callback token issued');
    return data;
  }

  /** Tokens for several buttons at once (one insert, one select for those not cached). */
  async tokens(actions: readonly CallbackAction[]): Promise<string[]> {
    const digests = actions.map((a) => this.digest(a));
    const missing = actions
      .map((action, i) => ({ action, digest: digests[i] ?? '' }))
      .filter(({ digest }) => !this.idsByDigest.has(digest));
    if (missing.length > 0) await this.issue(missing);
    return digests.map((digest) => {
      const id = this.idsByDigest.get(digest);
      if (id === undefined) throw new Error('callback token was not stored');
      return `${TOKEN_PREFIX}${id}`;
    });
  }

  /** What the data of a pressed button means, or undefined for unknown, stale or forged data. */
  async resolve(data: string): Promise<CallbackAction | undefined> {
    if (data.startsWith(STATIC_PREFIX)) {
      const action = data.slice(STATIC_PREFIX.length);
      return this.staticActions.has(action) ? { action, args: {} } : undefined;
    }
    if (!data.startsWith(TOKEN_PREFIX)) return undefined;
    const id = data.slice(TOKEN_PREFIX.length);
    if (!/^[A-Za-z0-9_-]{1,16}$/.test(id)) return undefined;
    const cached = this.actionsById.get(id);
    if (cached) return cached;
    const rows = await this.orm.em
      .fork()
      .execute<{ action: string; args: Record<string, string> | string }[]>(
        'select action, args from bot_callback_tokens where id = ? and bot = ?',
        [id, this.bot],
      );
    const row = rows[0];
    if (!row) return undefined;
    const args = typeof row.args === 'string' ? (JSON.parse(row.args) as Record<string, string>) : row.args;
    const resolved = { action: row.action, args };
    this.remember(this.actionsById, id, resolved);
    return resolved;
  }

  private async issue(missing: readonly { action: CallbackAction; digest: string }[]): Promise<void> {
    const em = this.orm.em.fork();
    const unique = [...new Map(missing.map((m) => [m.digest, m])).values()];
    const now = new Date();
    const values = unique.map(() => '(?, ?, ?, ?, ?::jsonb, ?)').join(', ');
    const params = unique.flatMap(({ action, digest }) => [
      randomBytes(9).toString('base64url'),
      this.bot,
      digest,
      action.action,
      JSON.stringify(action.args),
      now,
    ]);
    await em.execute(
      `insert into bot_callback_tokens (id, bot, digest, action, args, created_at) values ${values} ` +
        'on conflict (digest) do nothing',
      params,
    );
    const placeholders = unique.map(() => '?').join(', ');
    const rows = await em.execute<{ id: string; digest: string }[]>(
      `select id, digest from bot_callback_tokens where digest in (${placeholders})`,
      unique.map((u) => u.digest),
    );
    for (const row of rows) this.remember(this.idsByDigest, row.digest, row.id);
  }

  private digest(action: CallbackAction): string {
    return createHash('sha256')
      .update(`${this.bot}\n${action.action}\n${canonicalJson(action.args)}`)
      .digest('hex');
  }

  private remember<V>(map: Map<string, V>, key: string, value: V): void {
    if (map.size >= CACHE_LIMIT) {
      const oldest = map.keys().next();
      if (!oldest.done) map.delete(oldest.value);
    }
    map.set(key, value);
  }
}
