// What a password must be (NIST SP 800-63B): at least 8 characters, at most 256, not only
// whitespace, not one of the ~49,000 most common passwords (the list shipped by
// @zxcvbn-ts/language-common, from breach corpora), and not the account's own email or name.
// No composition rules: they make passwords harder to remember, not to guess.
import { dictionary } from "@zxcvbn-ts/language-common";

export const MIN_PASSWORD_LENGTH = 8;
export const MAX_PASSWORD_LENGTH = 256;

let common: Set<string> | undefined;
function commonPasswords(): Set<string> {
  common ??= new Set((dictionary["passwords-common"] as string[]).map((p) => p.toLowerCase()));
  return common;
}

/** Why `password` is refused, as the end of a sentence "password ...", or null when it is fine. */
export function passwordProblem(password: string, account: { email?: string; name?: string } = {}): string | null {
  if ([...password].length < MIN_PASSWORD_LENGTH) return `must have at least ${MIN_PASSWORD_LENGTH} characters`;
  if (password.length > MAX_PASSWORD_LENGTH) return `is longer than ${MAX_PASSWORD_LENGTH} characters`;
  if (password.trim() === "") return "must not be only spaces";
  const lower = password.toLowerCase();
  // Also the common ones with spaces around or repeated ("password password").
  const squeezed = lower.replace(/\s+/g, "");
  const list = commonPasswords();
  if (list.has(lower) || list.has(lower.trim()) || list.has(squeezed)) return "is one of the most common passwords; choose a less predictable one";
  if (/^(.)\1*$/u.test(squeezed)) return "must not be one character repeated";
  const local = account.email?.split("@")[0]?.toLowerCase();
  if ((account.email && lower === account.email.toLowerCase()) || (local && local.length >= 4 && squeezed === local)) return "must not be your email address";
  if (account.name && account.name.trim().length >= 4 && squeezed === account.name.toLowerCase().replace(/\s+/g, "")) return "must not be your name";
  return null;
}
