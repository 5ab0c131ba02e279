import { dictionary } from '@zxcvbn-ts/language-common';
import type { MessageParams } from '../../../../../libs/i18n/src';
import { FieldProblem, invalidInput } from '../../common/errors';

/** bcrypt reads at most 72 bytes; anything after them would be ignored silently, so a longer password is refused. */
export const PASSWORD_MAX_BYTES = 72;

// The most common passwords of public breach corpora (maintained in @zxcvbn-ts/language-common), lower-cased.
let common: Set<string> | undefined;
function commonPasswords(): Set<string> {
  common ??= new Set(dictionary['passwords-common'].map((p) => p.toLowerCase()));
  return common;
}

const normalise = (s: string) => s.toLowerCase().replace(/[\s._-]+/g, '');

/** One reason a password is refused: the field and its English text, and the catalogue code that says it to a reader. */
export interface PasswordProblem extends FieldProblem {
  code: string;
  params: MessageParams;
}

/**
 * What a new password must be: at least `minLength` characters, at most 72 bytes in UTF-8, not one of the
 * common passwords (compared without regard to case), and not containing the username.
 * Returns the problems, each naming the field; empty when the password is acceptable.
 */
export function passwordProblems(password: string, username: string | undefined, minLength: number, field = 'password'): PasswordProblem[] {
  const problems: PasswordProblem[] = [];
  if ([...password].length < minLength) problems.push({ field, message: `must be at least ${minLength} characters`, code: 'error.password-too-short', params: { field, n: minLength } });
  if (Buffer.byteLength(password, 'utf8') > PASSWORD_MAX_BYTES) problems.push(tooLong(field));
  if (commonPasswords().has(password.toLowerCase())) problems.push({ field, message: 'is one of the most common passwords: choose another', code: 'error.password-common', params: { field } });
  if (username && username.length >= 3 && normalise(password).includes(normalise(username))) {
    problems.push({ field, message: 'must not contain the username', code: 'error.password-has-username', params: { field } });
  }
  if (/^(.)\1*$/.test(password)) problems.push({ field, message: 'must not repeat one character', code: 'error.password-one-character', params: { field } });
  return problems;
}

function tooLong(field: string): PasswordProblem {
  const message = `must be at most ${PASSWORD_MAX_BYTES} bytes in UTF-8 (a Chinese character takes 3)`;
  return { field, message, code: 'error.password-too-long', params: { field, n: PASSWORD_MAX_BYTES } };
}

/** Throws 400 when the password is not acceptable as a new password. */
export function assertAcceptablePassword(password: string, username: string | undefined, minLength: number, field = 'password'): void {
  const problems = passwordProblems(password, username, minLength, field);
  if (problems.length) throw invalidInput(problems);
}

/** A password longer than bcrypt reads is refused, never cut silently (also where no policy applies: signing in). */
export function assertPasswordFits(password: string, field: string): void {
  if (Buffer.byteLength(password, 'utf8') > PASSWORD_MAX_BYTES) throw invalidInput([tooLong(field)]);
}
