/** One environment variable that is missing or invalid. */
export interface ConfigIssue {
  /** Name of the environment variable. */
  variable: string;
  /** What is wrong, without the value when the variable is secret. */
  problem: string;
  /** How to fix it. */
  hint: string;
}

/** Raised by `loadConfig` with every bad or missing variable at once. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  readonly code = 'CONFIG_ERR_INVALID_ENVIRONMENT';
  readonly issues: readonly ConfigIssue[];

  constructor(issues: readonly ConfigIssue[]) {
    super(formatIssues(issues));
    this.issues = issues;
  }
}

function formatIssues(issues: readonly ConfigIssue[]): string {
  const count = issues.length === 1 ? '1 environment variable' : `${issues.length} environment variables`;
  const lines = issues.map((issue) => `  - ${issue.variable}: ${issue.problem}. ${issue.hint}`);
  return [`Invalid configuration: ${count} must be fixed:`, ...lines].join('\n');
}
