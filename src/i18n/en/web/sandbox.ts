import type { sandbox as ruSandbox } from '../../ru/web/sandbox.js';

/** The Telegram sandbox page (issue 15, docs/0028). */
export const sandbox: typeof ruSandbox = {
  title: 'Telegram sandbox',
  intro:
    "Both of Kabinet's bots without Telegram: choose who you are, open a chat and write, press buttons, share your number — as in Telegram.",
  who: 'Who you are',
  kinds: { client: 'Clients', staff: 'Staff', outsider: 'Outsider' },
  outsider: { firstName: 'Guest', listed: 'Guest (not a client)' },
  chats: 'Chats',
  clientBot: 'Client bot',
  staffBot: 'Staff bot',
  group: 'Role group',
  noChat: 'Choose a chat on the left.',
  empty: 'No messages yet. Start with /start.',
  message: 'Message',
  send: 'Send',
  shareContact: 'Share my number',
  edited: 'edited',
  document: (name: string) => `Document: ${name}`,
  contact: (phone: string) => `Contact: ${phone}`,
  opensCabinet: 'opens the cabinet',
  phone: 'Phone',
  phoneHint: "SMS to this person's number (codes arrive here)",
  noSms: 'No SMS yet.',
  unavailable:
    'The sandbox is not available: it runs in the embedded demo (or for administrators with TELEGRAM_SANDBOX=true).',
  pressFailed: 'The bot did not answer the press.',
  sendFailed: 'Could not send. Try again.',
  deepLink: {
    title: 'A link to the bot',
    body: 'This link opens the bot with a parameter — as in Telegram, press Start.',
    start: 'Start',
    dismiss: 'Not now',
  },
  openInSandbox: 'Open in the sandbox',
  nav: 'Sandbox',
  backToCabinet: 'To the cabinet',
};
