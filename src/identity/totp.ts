import { generateSecret, generateURI, verify } from 'otplib';
import QRCode from 'qrcode';
import { decryptText, deriveKey, encryptText } from './secret.js';

/** The issuer shown in authenticator apps. */
export const TOTP_ISSUER = 'Kabinet';

/**
 * Staff authenticator codes (RFC 6238: SHA-1, 6 digits, 30 s). The secret is stored encrypted under a key derived
 * from CODE_SECRET; a code is accepted one step either side of now, and never twice (`afterTimeStep`).
 */
export class TotpAuthenticator {
  private readonly key: Buffer;
  constructor(codeSecret: Buffer) {
    this.key = deriveKey(codeSecret, 'totp-secret-encryption');
  }

  /** A new Base32 secret (160 bits) and its encrypted form for storage. */
  newSecret(): { secret: string; sealed: string } {
    const secret = generateSecret();
    return { secret, sealed: encryptText(this.key, secret) };
  }

  open(sealed: string): string {
    return decryptText(this.key, sealed);
  }

  /** The otpauth:// URI an authenticator app scans, and the same as a QR code (PNG data URL). */
  async enrolment(secret: string, label: string): Promise<{ otpauthUri: string; qrDataUrl: string }> {
    const otpauthUri = generateURI({ issuer: TOTP_ISSUER, label, secret });
    const qrDataUrl = await QRCode.toDataURL(otpauthUri, { errorCorrectionLevel: 'M', margin: 1 });
    return { otpauthUri, qrDataUrl };
  }

  /** The time step the code belongs to when it is valid now and newer than `afterTimeStep`; otherwise null. */
  async check(sealed: string, code: string, now: Date, afterTimeStep: number | null): Promise<number | null> {
    if (!/^\d{6}$/.test(code)) return null;
    const result = await verify({
      secret: this.open(sealed),
      token: code,
      epoch: Math.floor(now.getTime() / 1000),
      epochTolerance: 30,
      ...(afterTimeStep === null ? {} : { afterTimeStep }),
    });
    return result.valid && 'timeStep' in result ? result.timeStep : null;
  }
}
