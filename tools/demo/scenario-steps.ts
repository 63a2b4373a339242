/** Outcome of one step of the review session. */
export interface StepReport {
  name: string;
  ok: boolean;
  detail: string;
}

/** Thrown by a step whose result is not the expected one. */
export class StepCheckError extends Error {
  override name = 'StepCheckError';
}

/** Throws a {@link StepCheckError} with `message` unless `condition` holds. */
export function expectThat(condition: boolean, message: string): asserts condition {
  if (!condition) throw new StepCheckError(message);
}

/**
 * Runs named steps in order, printing each one's outcome. After the first failing step the
 * remaining ones do not run, because each builds on the state the earlier ones left.
 */
export class StepRunner {
  readonly steps: StepReport[] = [];
  private failed = false;

  constructor(private readonly log: (line: string) => void) {}

  get passed(): boolean {
    return !this.failed && this.steps.length > 0;
  }

  /** Runs one step; its function returns a one-line description of what happened. */
  async run(name: string, step: () => Promise<string>): Promise<void> {
    if (this.failed) return;
    const number = this.steps.length + 1;
    try {
      const detail = await step();
      this.steps.push({ name, ok: true, detail });
      this.log(`ok   ${String(number).padStart(2)} ${name}: ${detail}`);
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error);
      this.steps.push({ name, ok: false, detail });
      this.failed = true;
      this.log(`FAIL ${String(number).padStart(2)} ${name}: ${detail}`);
    }
  }
}
