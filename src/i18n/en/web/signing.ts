import type { signing as ruSigning } from '../../ru/web/signing.js';

/** Signing with the SMS code. */
export const signing: typeof ruSigning = {
  title: 'Signing the request',
  sending: 'Sending the code…',
  sentTo: (phone: string) => `We sent an SMS with the code to ${phone}. Check that it names your request:`,
  hiddenCode: '••••••',
  bound:
    'The code signs exactly this request and its print form. If the request is changed, the code stops working.',
  printForm: 'See the print form (PDF)',
  code: 'Code from the SMS',
  confirm: 'Sign',
  resend: 'Send the code again',
  resendIn: (seconds: number) => `You can ask for a new code in ${seconds} s`,
  resent: 'A new code was sent.',
  newCode: 'Send a new code',
  cancel: 'Close',
  refused: {
    wrong: (left: number) =>
      left > 0 ? `Wrong code. Attempts left: ${left}.` : 'Wrong code and no attempts left. Send a new code.',
    expired: 'The code has expired. Send a new code.',
    locked: 'Too many wrong attempts: this code is blocked. Send a new code.',
    used: 'This code was already used: the request is signed.',
    changed:
      'The request was changed after the code was sent, so the code no longer works. Check the request and send a new code.',
  },
  failed: 'Could not send the code. Please try again.',
  noPhone: 'There is no phone in your profile for the code. Add one in the profile.',
  throttled: (seconds: number | null) =>
    seconds ? `Too many attempts. Try again in ${seconds} s.` : 'Too many attempts. Try again later.',
  signed: 'The request is signed and submitted.',
};
