import { createHmac } from 'node:crypto';
import { badUserInput } from '../errors';

/**
 * An Iranian national id (کد ملی): ten digits whose last is a check digit.
 * Refusing a mistyped one at the door keeps one person from becoming two
 * pseudonyms.
 */
export function isValidNationalId(value: string): boolean {
  if (!/^\d{10}$/.test(value) || /^(\d)\1{9}$/.test(value)) return false;
  const digits = value.split('').map(Number);
  const sum = digits.slice(0, 9).reduce((total, digit, index) => total + digit * (10 - index), 0);
  const remainder = sum % 11;
  return digits[9] === (remainder < 2 ? remainder : 11 - remainder);
}

/**
 * The only form in which a person is stored: a keyed hash (HMAC-SHA256 with
 * PSEUDONYM_KEY) of the national id, so the same person links across records
 * and the id itself is never kept or returned.
 */
export function pseudonymOf(key: Buffer, nationalId: string, argument = 'subjectNationalId'): string {
  const normalized = nationalId.replace(/[\s-]/g, '').replace(/[۰-۹]/g, (digit) => String('۰۱۲۳۴۵۶۷۸۹'.indexOf(digit)));
  if (!isValidNationalId(normalized)) throw badUserInput(argument, 'is not a valid national id');
  return createHmac('sha256', key).update(normalized).digest('hex');
}
