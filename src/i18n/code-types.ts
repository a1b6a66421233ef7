/** Texts of the messages that carry codes. One module per language; placeholders are arguments. */
export interface CodeTexts {
  login(code: string): string;
  signRequest(number: string, summary: string, code: string): string;
  phoneChangeCurrent(code: string): string;
  phoneChangeNew(code: string): string;
  emailChangeSms(code: string): string;
  emailChangeEmail: { subject: string; text(code: string): string };
  /** To the owner of an address another account tried to switch to: no code, nothing to do. */
  emailInUse: { subject: string; text: string };
  passwordChange(code: string): string;
  totpEnrol(code: string): string;
  telegramLink(code: string): string;
  /** The page the e-mailed "it was not me" link opens (undoing a Telegram linking). */
  unlinkPage: {
    title: string;
    question(account: string): string;
    button: string;
    done: string;
    already: string;
    invalid: string;
  };
}
