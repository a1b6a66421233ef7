import { moscowDay } from '../i18n/index.js';
import type { Orm } from '../db/orm.js';
import type { RateLimiter, RateRule } from '../identity/rate-limit.js';

/** The page a signed form's QR code and short code lead to (the cabinet's public /verify). */
export function verificationUrl(publicUrl: string, code: string): string {
  return `${publicUrl.replace(/\/+$/, '')}/verify?code=${encodeURIComponent(code)}`;
}

/**
 * What the public check says, and nothing else (no names, no amounts, no personal data): whether the document is
 * exactly one the company issued for a request signed with a simple electronic signature, that request's number
 * and the signing date.
 */
export type VerificationResult =
  | {
      result: 'match';
      requestNumber: string;
      /** The signing date (Moscow), `YYYY-MM-DD`. */
      signedOn: string;
      signature: 'simple_electronic';
      /** `signed`: the document the code was bound to; `signed_copy`: a form issued after signing. */
      document: 'signed' | 'signed_copy' | null;
    }
  | { result: 'no_match' };

/** `XXXXX-XXXXX` as typed from paper: any case, spaces or no dash, look-alike letters read as digits. */
export function normaliseVerificationCode(typed: string): string | null {
  const chars = typed.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  if (!/^[0-9A-HJKMNP-TV-Z]{10}$/.test(chars)) return null;
  return `${chars.slice(0, 5)}-${chars.slice(5)}`;
}

/** The public check of printed forms (issue 11 item 8, docs/0022): by the PDF's SHA-256 or by the short code. */
export class DocumentVerification {
  constructor(
    private readonly orm: Orm,
    private readonly limiter: RateLimiter,
    private readonly perIp: RateRule,
  ) {}

  /** Counts a public check from a client address; `throttled` (429 with Retry-After) over the limit. */
  async throttle(ip: string | null): Promise<void> {
    await this.limiter.enforce([[`verify:ip:${ip ?? 'unknown'}`, this.perIp]]);
  }

  /** A PDF the company issued, byte for byte: the signed document itself or a signed copy of it. */
  async byHash(sha256: string): Promise<VerificationResult> {
    if (!/^[0-9a-f]{64}$/.test(sha256)) return { result: 'no_match' };
    const rows = await this.orm.em
      .fork()
      .execute<{ number: string; signed_at: Date | string; kind: string }[]>(
        `select r.number, s.signed_at, d.kind
         from documents d
         join requests r on r.id = d.request_id
         join signatures s on s.request_id = r.id and (d.kind = 'signed_copy' or s.print_form_hash = d.sha256)
        where d.sha256 = ?
        order by s.signed_at desc
        limit 1`,
        [sha256],
      );
    const row = rows[0];
    if (!row) return { result: 'no_match' };
    return {
      result: 'match',
      requestNumber: row.number,
      signedOn: moscowDay(new Date(row.signed_at)),
      signature: 'simple_electronic',
      document: row.kind === 'signed_copy' ? 'signed_copy' : 'signed',
    };
  }

  /** The short code from the paper: the signature it names. */
  async byCode(typed: string): Promise<VerificationResult> {
    const code = normaliseVerificationCode(typed);
    if (code === null) return { result: 'no_match' };
    const rows = await this.orm.em.fork().execute<{ number: string; signed_at: Date | string }[]>(
      `select r.number, s.signed_at from signatures s join requests r on r.id = s.request_id
        where s.verification_code = ?`,
      [code],
    );
    const row = rows[0];
    if (!row) return { result: 'no_match' };
    return {
      result: 'match',
      requestNumber: row.number,
      signedOn: moscowDay(new Date(row.signed_at)),
      signature: 'simple_electronic',
      document: null,
    };
  }
}
