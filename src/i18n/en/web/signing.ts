import type { signing as ruSigning } from '../../ru/web/signing.js';

/** Signing with the SMS code. */
export const signing: typeof ruSigning = {
  title: 'Signing',
};
