/**
 * Made-up people for write tests. A valid Iranian national id from nine
 * digits: the tenth is the check digit (the rule shared/src/auth/pseudonym.ts
 * enforces).
 */
export function nationalId(nineDigits: string): string {
  const sum = nineDigits.split('').reduce((total, digit, index) => total + Number(digit) * (10 - index), 0);
  const remainder = sum % 11;
  return `${nineDigits}${remainder < 2 ? remainder : 11 - remainder}`;
}

const PERSIAN_DIGITS = '۰۱۲۳۴۵۶۷۸۹';

/** The same digits as a Persian keyboard types them. */
export const inPersianDigits = (digits: string): string => digits.replace(/\d/g, (digit) => PERSIAN_DIGITS[Number(digit)]);
