import type { verify as ruVerify } from '../../ru/web/verify.js';

/** The public check of a printed form (issue 11 item 8). */
export const verify: typeof ruVerify = {
  title: 'Check a document',
  intro:
    'Check that a printed form is exactly the document a client signed in Kabinet. Upload the PDF or enter the verification code printed under the QR code.',
  fileLabel: 'The document’s PDF file',
  fileHint: 'The file never leaves your computer: only its checksum (SHA-256) is compared.',
  checkFile: 'Check the file',
  codeLabel: 'Verification code',
  codeHint: 'For example: 4YQ9C-GCKMZ',
  checkCode: 'Check the code',
  or: 'or',
  checking: 'Checking…',
  match: (number: string, date: string) =>
    `Authentic: request No. ${number}, signed on ${date} with a simple electronic signature.`,
  matchCopy: 'This is a copy Kabinet issued after signing, unchanged.',
  matchSigned: 'This is exactly the document that was signed.',
  noMatch:
    'No match: the company has no such signed document, or the file was changed. Check the file or the code.',
  failed: 'The check failed. Please try again.',
  throttled: (seconds: number | null) =>
    seconds ? `Too many checks. Try again in ${seconds} s.` : 'Too many checks. Try again later.',
};
