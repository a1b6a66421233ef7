import type { onboarding as ruOnboarding } from '../../ru/web/onboarding.js';

/** The public account-opening questionnaire (issue 12). */
export const onboarding: typeof ruOnboarding = {
  title: 'Open an account',
  intro:
    'Fill in the questionnaire: it takes 10–15 minutes. You will need your passport, SNILS and INN (for a company: OGRN, INN, KPP and the director’s details). You can save it and continue later.',
  chooseKind: 'Who opens the account',
  kindHints: {
    individual: 'Brokerage and custody accounts, trust management',
    sole_proprietor: 'For an entrepreneur registered in EGRIP',
    legal_entity: 'For a company: filled in by the director or a representative with a power of attorney',
  },
  start: 'Start',
  resume: (kind: string, date: string) =>
    `You have an unfinished questionnaire: ${kind}. It is kept until ${date} unless you continue it.`,
  resumeAction: 'Continue',
  startOver: 'Start a new one',
  notClient: 'Not a client yet?',
  openAccount: 'Open an account online',
  haveAccount: 'Already a client?',
  signIn: 'Sign in',
  stepOf: (step: number, steps: number) => `Step ${step} of ${steps}`,
  back: 'Back',
  next: 'Next',
  saving: 'Saving…',
  saved: 'Saved',
  saveFailed: 'Could not save. Check your connection: we will try again.',
  conflict: 'The questionnaire was changed in another tab. We loaded the latest version.',
  fixStep: 'Correct the marked fields to go on.',
  optional: 'optional',
  yes: 'Yes',
  later: {
    title: 'Continue later',
    text: (days: number) =>
      `Keep this link: it opens the questionnaire on any device. An unfinished questionnaire is deleted after ${days} days without changes.`,
    copy: 'Copy the link',
    copied: 'Link copied',
    warning: 'Do not forward the link: it shows your data.',
  },
  contacts: {
    intro: 'Confirm your phone and e-mail with codes, so we know we can reach you.',
    getCode: 'Get a code',
    resendIn: (seconds: number) => `A new code in ${seconds} s`,
    resend: 'Send the code again',
    codeLabel: (where: string) => `The code sent to ${where}`,
    confirm: 'Confirm',
    confirmed: 'Confirmed',
    byEsia: 'Confirmed by Gosuslugi',
    refused: {
      wrong: (left: number) => `Wrong code. Attempts left: ${left}.`,
      expired: 'The code has expired: get a new one.',
      locked: 'No attempts left: get a new code.',
      not_sent: 'Get a code first.',
    },
    sendFailed: 'The code could not be sent. Try again in a minute.',
    throttled: (seconds: number | null) =>
      seconds ? `Too often. Try again in ${seconds} s.` : 'Too often. Try again later.',
    needBoth: 'Confirm the phone and the e-mail to go on.',
  },
  esia: {
    button: 'Sign in with Gosuslugi',
    hint: 'For individuals: your passport, SNILS, INN, address and verified contacts are filled in for you.',
    going: 'Going to Gosuslugi…',
    fromEsia: 'From Gosuslugi',
    filled: 'Your data came from Gosuslugi. Check it and add what is missing.',
    failed: {
      refused:
        'You did not agree to share your data on Gosuslugi. You can fill in the questionnaire yourself.',
      state: 'The return link from Gosuslugi is stale or used. Please sign in again.',
      secret:
        'Gosuslugi did not accept the company’s request. We know about it; meanwhile fill in the questionnaire yourself.',
      code: 'Gosuslugi did not confirm the sign-in: the code expired. Please sign in again.',
      token: 'Could not check Gosuslugi’s answer. Try again or fill in the questionnaire yourself.',
      unavailable: 'Gosuslugi is unavailable now. Try later or fill in the questionnaire yourself.',
    },
  },
  consentTitle: 'Consent to personal data processing',
  consentVersion: (version: string) => `Version of ${version}`,
  submit: 'Send the questionnaire',
  submitFailed: 'The questionnaire could not be sent. Check the fields below.',
  done: {
    title: (number: string) => `Questionnaire ${number} sent`,
    text: 'A client manager will review it and contact you to sign the contracts. Once they are signed, we will text and e-mail you a link to sign in to the cabinet.',
    email: 'A confirmation with the number has been sent to your e-mail.',
    again: 'Fill in another questionnaire',
  },
  notFound:
    'Questionnaire not found: the link is wrong, or the unfinished questionnaire was deleted. Start a new one.',
  loadFailed: 'Could not load the questionnaire.',
};
