import type { webCommon as ruWebCommon } from '../../ru/web/common.js';

/** The web cabinet's texts, in English; typed against the Russian source. */
export const webCommon: typeof ruWebCommon = {
  brand: 'Kabinet',
  tagline: 'The client cabinet of an investment company',
  language: 'Language',
  languages: { ru: 'Русский', en: 'English' },
  loading: 'Loading…',
  signIn: {
    title: 'Sign in to Kabinet',
    login: 'Email or phone',
    password: 'Password',
    submit: 'Sign in',
    codeTitle: 'Confirmation code',
    codeSentTo: (destination) => `We sent a code by SMS to ${destination}.`,
    orAuthenticator: 'If you use an authenticator app, enter its code instead.',
    code: '6-digit code',
    confirm: 'Confirm',
    resend: 'Send the code again',
    resendIn: (seconds) => `A code was sent recently. You can ask for a new one in ${seconds} s`,
    resent: 'A new code has been sent.',
    back: 'Change login',
    codeWrong: (left: number) => `Wrong code. Check it and enter it again — attempts left: ${left}.`,
    codeInvalid:
      'The code is wrong or no longer valid. Check it and enter it again, or ask for a new one. After several wrong attempts the code is blocked: then sign in again.',
    challengeOver:
      'This code no longer works: it expired, was already used, or there were too many wrong attempts. Sign in again and we will send a new code.',
    startAgain: 'Sign in again',
    throttled: (seconds) =>
      seconds
        ? `Too many attempts. Try again in ${seconds} s.`
        : 'Too many attempts. Please wait a little and try again.',
    sessionExpired: 'Your session has ended. Please sign in again.',
  },
  notFound: 'There is no such page.',
  toHome: 'Home',
  crashed: {
    title: 'The page did not open',
    text: 'The cabinet ran into an error. Reload the page; your requests and data are safe. If it happens again, write to your manager.',
    reload: 'Reload the page',
  },
  sessionFailed:
    'Could not check your sign-in: the server did not answer. Check your connection and try again.',
  retry: 'Try again',
  /** A request's number as people write it. */
  numbered: (number: string) => `No. ${number}`,
  failed: 'Something went wrong. Please try again a little later.',
};
