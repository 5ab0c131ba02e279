import { DomainValidationError } from '../../libs/domain/src/errors';

/** The field a domain validation error names, or undefined when `fn` does not throw. */
export function fieldOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    return (e as DomainValidationError).field;
  }
  return undefined;
}
