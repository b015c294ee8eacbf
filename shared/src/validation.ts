import { badUserInput } from './errors';

/**
 * For lookups such as `region(id, code)`: exactly one of the named arguments
 * must be given. Returns the one that was.
 */
export function exactlyOne<T extends object>(args: T, names: readonly (keyof T & string)[]): keyof T & string {
  const given = names.filter((name) => args[name] !== undefined && args[name] !== null);
  if (given.length !== 1) throw badUserInput(names.join('|'), `give exactly one of ${names.join(', ')}`);
  return given[0];
}
