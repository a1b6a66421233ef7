import type { CodeTexts } from '../code-types.js';

export const codes: CodeTexts = {
  login: (code) => `Your Kabinet login code: ${code}. Do not share it with anyone.`,
  signRequest: (number, summary, code) => `Request ${number}: ${summary}. Code ${code}. Do not share it.`,
  phoneChangeCurrent: (code) => `Kabinet phone change code: ${code}. If this was not you, call the company.`,
  phoneChangeNew: (code) => `Code to confirm your new phone in Kabinet: ${code}. Do not share it.`,
  emailChangeSms: (code) => `Kabinet email change code: ${code}. If this was not you, call the company.`,
  emailChangeEmail: {
    subject: 'Kabinet: confirm your email address',
    text: (code) =>
      `Hello,\n\nThe code to confirm your new email address in Kabinet: ${code}.\n` +
      'It is valid for 5 minutes. If you did not change your address, delete this email.\n',
  },
  emailInUse: {
    subject: 'Kabinet: someone tried to use your address for another account',
    text:
      'Hello,\n\nSomeone tried to set this email address on another Kabinet account. The address belongs to ' +
      'your account, so nothing changed.\nIf this was not you, there is nothing to do; if in doubt, call the company.\n',
  },
  passwordChange: (code) => `Kabinet password change code: ${code}. If this was not you, call the company.`,
  totpEnrol: (code) =>
    `Kabinet code to set up an authenticator app: ${code}. If this was not you, call the company.`,
  telegramLink: (code) => `Code to link Telegram to Kabinet: ${code}. Do not share it.`,
  unlinkPage: {
    title: 'Kabinet: unlink Telegram',
    question: (account) =>
      `Unlink the Telegram account ${account} from your cabinet? The bot will no longer take requests or codes from it.`,
    button: 'Unlink',
    done: 'Done: the Telegram account is unlinked. If it was not you who linked it, change your password and call us.',
    already: 'This Telegram account is already unlinked from your cabinet.',
    invalid:
      'This link does not work: it is single-use and valid for 7 days. You can unlink Telegram in the bot with /unlink.',
  },
};
