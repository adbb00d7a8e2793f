/**
 * A failure the person at the terminal can act on: printed as one `Error: …` line, exit 1.
 * `rules` carries the password-policy rules a refused password broke (from either transport).
 */
export class CliError extends Error {
  readonly rules?: string[];
  constructor(message: string, opts: { rules?: string[] } = {}) {
    super(message);
    this.name = 'CliError';
    this.rules = opts.rules;
  }
}

/** Wrong command line: printed with the usage text, exit 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}
