import { createHmac } from 'node:crypto';

/** `+79990000001` → `+7 *** ***-**-01`: the country code and the last two digits. */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  if (digits.length < 4) return '***';
  if (digits.startsWith('7') && digits.length === 11) return `+7 *** ***-**-${digits.slice(-2)}`;
  return `+${digits.slice(0, 1)} ***${digits.slice(-2)}`;
}

/** `client@demo.local` → `c***t@demo.local`: enough to recognise one's own address, not to learn it. */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  if (at <= 0) return '***';
  const local = email.slice(0, at);
  const domain = email.slice(at + 1);
  const shown =
    local.length <= 2 ? `${local.charAt(0)}***` : `${local.charAt(0)}***${local.charAt(local.length - 1)}`;
  return `${shown}@${domain}`;
}

/**
 * A masked phone for a login that has no account (or a wrong password): derived from the login under the
 * server secret, so the same login always shows the same plausible mask and nothing tells it from a real one.
 */
export function decoyPhoneMask(secret: Buffer, login: string): string {
  const digest = createHmac('sha256', secret).update(`decoy-phone\u0000${login}`).digest();
  const twoDigits = String(digest.readUInt16BE(0) % 100).padStart(2, '0');
  return `+7 *** ***-**-${twoDigits}`;
}
