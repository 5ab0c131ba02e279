/** Parameters of a field reason: plain values the message catalogue formats for the reader. */
export type FieldReasonParams = Record<string, string | number | boolean | undefined>;

/** Why a field was refused, as a code of the message catalogue (libs/i18n, `field.*`) with its params. */
export interface FieldReason {
  code: string;
  params?: FieldReasonParams;
}

/**
 * Input that breaks a domain rule; `field` is the path of the offending value, e.g. `policy.escalations[1].after`.
 * `message` is the English reason for logs; `code` with `params` says it to a reader in the reader's language.
 */
export class DomainValidationError extends Error {
  readonly code: string;
  readonly params: FieldReasonParams;

  constructor(
    public readonly field: string,
    message: string,
    reason: FieldReason,
  ) {
    super(`${field}: ${message}`);
    this.name = 'DomainValidationError';
    this.code = reason.code;
    this.params = reason.params ?? {};
  }
}

/** A written value as the reason quotes it: JSON, so "5" and 5 stay apart. */
export function shown(value: unknown): string {
  const s = JSON.stringify(value);
  return s === undefined ? String(value) : s.length > 200 ? `${s.slice(0, 200)}…` : s;
}

/** A computed decimal without float noise (33.3 / 100 → "0.333"). */
export function decimal(value: number): string {
  return String(Number(value.toPrecision(12)));
}
