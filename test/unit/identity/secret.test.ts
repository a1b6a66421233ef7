import { describe, expect, it } from '@jest/globals';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decryptText, deriveKey, encryptText, resolveCodeSecret } from '../../../src/identity/secret.js';

describe('the code secret', () => {
  it('is generated once into DATA_DIR, readable by the owner only, and reused', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kabinet-secret-'));
    try {
      const first = resolveCodeSecret(undefined, dir);
      expect(first.length).toBe(32);
      const file = join(dir, 'code-secret');
      expect(statSync(file).mode & 0o777).toBe(0o600);
      expect(readFileSync(file, 'utf8').trim()).toBe(first.toString('hex'));
      expect(resolveCodeSecret(undefined, dir).equals(first)).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('comes from CODE_SECRET when set', () => {
    expect(resolveCodeSecret('c'.repeat(40), '/nonexistent').toString('utf8')).toBe('c'.repeat(40));
  });

  it('derives separate keys that seal and open text, and detect tampering', () => {
    const secret = Buffer.from('k'.repeat(32));
    const key = deriveKey(secret, 'totp-secret-encryption');
    expect(key.equals(deriveKey(secret, 'other-use'))).toBe(false);
    const sealed = encryptText(key, 'JBSWY3DPEHPK3PXP');
    expect(sealed).not.toContain('JBSWY3DPEHPK3PXP');
    expect(decryptText(key, sealed)).toBe('JBSWY3DPEHPK3PXP');
    const [v, iv, tag, data = ''] = sealed.split('.');
    // The second-to-last character always carries whole bits of the ciphertext; replaced by a different one (the
    // old test looked at the last character to choose, so one run in 64 "flipped" a character into itself).
    const changed = data.at(-2) === 'A' ? 'B' : 'A';
    const flipped = `${v}.${iv}.${tag}.${data.slice(0, -2)}${changed}${data.slice(-1)}`;
    expect(() => decryptText(key, flipped)).toThrow();
  });
});
