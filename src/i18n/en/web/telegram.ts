import type { telegram as ru } from '../../ru/web/telegram.js';

/** The cabinet opened inside Telegram (issue 10 item 6, docs/0026). */
export const telegram: typeof ru = {
  notLinkedTitle: 'This Telegram account is not linked to the cabinet',
  notLinkedClient:
    'Open the chat with the bot, send /start and share your phone number: the bot sends a code by SMS. Or sign in to the cabinet with your password and get a linking link in your profile.',
  notLinkedStaff:
    'Link Telegram with the invite from your administrator (the link opens the staff bot), or sign in to the cabinet with your password and get a link in your profile.',
  signInInstead: 'Sign in with a password',
  refused:
    'Could not sign in through Telegram: the launch data is too old or was used already. Close and reopen the cabinet, or sign in with your password.',
};
