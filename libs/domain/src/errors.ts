/** Input that breaks a domain rule; `field` is the path of the offending value, e.g. `policy.escalations[1].after`. */
export class DomainValidationError extends Error {
  constructor(
    public readonly field: string,
    message: string,
  ) {
    super(`${field}: ${message}`);
    this.name = 'DomainValidationError';
  }
}
