import type { activate as ruActivate } from '../../ru/web/activate.js';

/** The new client's first password by the activation link (issue 12 item 5). */
export const activate: typeof ruActivate = {
  title: 'Sign in to the cabinet',
  intro: 'The contracts are signed. Set a password: then sign in with it and the SMS code.',
  password: 'New password',
  passwordHint: 'At least 10 characters; not your phone, e-mail or a simple sequence',
  repeat: 'Repeat the password',
  mismatch: 'The passwords differ',
  submit: 'Set the password',
  done: 'The password is set. Now sign in with it and the SMS code.',
  signIn: 'Sign in',
  invalid: 'The link is not valid: it works once, for 72 hours. Ask your manager for a new one.',
  failed: 'Could not set the password. Please try again.',
};
