import { cleanUpOnSignal, runCleanups } from './cleanup';

/** Prints one line with the time of day, so the steps of a run can be followed in its output. */
export function log(line: string): void {
  process.stdout.write(`${new Date().toISOString().slice(11, 19)} ${line}\n`);
}

/**
 * Runs a reliability script and exits with its code. Undo steps still registered when it ends, also
 * after an error or on SIGINT or SIGTERM, run before the exit.
 */
export function runScript(main: () => Promise<number>): void {
  cleanUpOnSignal();
  void main()
    .catch((error: unknown) => {
      process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      return 1;
    })
    .then(async (code) => {
      await runCleanups();
      process.exit(code);
    });
}

/** Formats key=value pairs for a RESULT line. */
export function resultLine(name: string, values: Record<string, string | number | boolean>): string {
  const pairs = Object.entries(values).map(([key, value]) => `${key}=${value}`);
  return `RESULT ${name} ${pairs.join(' ')}`;
}
