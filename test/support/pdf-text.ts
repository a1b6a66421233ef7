import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export const PDFTOTEXT = process.env.PDFTOTEXT_PATH ?? '/usr/bin/pdftotext';

/**
 * The text of a PDF as Debian's pdftotext (poppler-utils) reads it, whitespace (incl. no-break spaces) collapsed to
 * single spaces so a value wrapped over two lines still reads as written.
 */
export function pdfText(pdf: Buffer): string {
  if (!existsSync(PDFTOTEXT))
    throw new Error(`this test needs ${PDFTOTEXT} (apt-get install -y poppler-utils; .ci/run installs it)`);
  const result = spawnSync(PDFTOTEXT, ['-enc', 'UTF-8', '-', '-'], {
    input: pdf,
    maxBuffer: 16 * 1024 * 1024,
  });
  if (result.status !== 0) throw new Error(`pdftotext failed: ${result.stderr.toString()}`);
  return result.stdout.toString('utf8').replace(/\s+/gu, ' ');
}

/** A value as the text extraction shows it (no-break spaces are plain ones there). */
export const asExtracted = (value: string) => value.replace(/\s+/gu, ' ');
