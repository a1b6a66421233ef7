/** Length bounds of a password (characters after NFKC normalisation). */
export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 128;

/*
 * The most common passwords of public breach lists (and their Russian keyboard favourites). A sanity check, not a
 * breach database: the policy also refuses passwords built from the user's own login.
 */
const COMMON = new Set([
  '123456789012',
  '1234567890',
  '12345678910',
  '0123456789',
  '1111111111',
  '0000000000',
  '1q2w3e4r5t',
  '1q2w3e4r5t6y',
  'qwertyuiop',
  'qwerty1234',
  'qwerty123456',
  'password12',
  'password123',
  'password1234',
  'passw0rd123',
  'p@ssw0rd123',
  'iloveyou12',
  'abcdefghij',
  'abc1234567',
  'asdfghjkl1',
  'zaq12wsxcde',
  '1qaz2wsx3edc',
  'qazwsxedcrfv',
  'letmein123',
  'welcome123',
  'admin12345',
  'administrator',
  'changeme123',
  'football123',
  'baseball123',
  'superman123',
  'dragon1234',
  'monkey1234',
  'sunshine12',
  'princess12',
  'trustno1234',
  'йцукенгшщз',
  'ytrewq12345',
  'parol12345',
  'parol123456',
  'пароль1234',
  'пароль12345',
  'qwertyqwerty',
  'demo-password-1',
]);

/** Problems with a new password (empty when it is acceptable). `personal` are the user's login, email, phone. */
export function passwordProblems(password: string, personal: readonly string[] = []): string[] {
  const value = password.normalize('NFKC');
  const problems: string[] = [];
  if (value.length < PASSWORD_MIN_LENGTH)
    problems.push(`must be at least ${PASSWORD_MIN_LENGTH} characters long`);
  if (value.length > PASSWORD_MAX_LENGTH)
    problems.push(`must be at most ${PASSWORD_MAX_LENGTH} characters long`);
  const lower = value.toLowerCase();
  if (COMMON.has(lower)) problems.push('is one of the most common passwords; choose another');
  else if (/^(.)\1*$/u.test(value)) problems.push('must not repeat a single character');
  else if (isSequence(lower)) problems.push('must not be a simple sequence of characters');
  if (personalParts(personal).some((part) => lower.includes(part)))
    problems.push('must not contain your login, email or phone');
  return problems;
}

/** The recognisable parts of the user's own data: an email's local part, a phone's last seven digits. */
function personalParts(personal: readonly string[]): string[] {
  const parts: string[] = [];
  for (const item of personal) {
    const value = item.toLowerCase().trim();
    const local = value.includes('@') ? value.slice(0, value.lastIndexOf('@')) : '';
    if (local.length >= 4) parts.push(local);
    const digits = value.replace(/\D/g, '');
    if (!value.includes('@') && digits.length >= 7) parts.push(digits.slice(-7));
  }
  return parts;
}

function isSequence(value: string): boolean {
  let up = true;
  let down = true;
  for (let i = 1; i < value.length; i += 1) {
    const step = value.charCodeAt(i) - value.charCodeAt(i - 1);
    if (step !== 1) up = false;
    if (step !== -1) down = false;
  }
  return up || down;
}
