import { cleanUpOnSignal } from './cleanup';

/** Prints one line with the time of day, so the steps of a run can be followed in its output. */
export function log(line: string): void {
  process.stdout.write(`${new Date().toISOString().slice(11, 19)} ${line}\n`);
}

/** Runs a reliability script: undoes its steps on SIGINT or SIGTERM and exits with its code. */
export function runScript(main: () => Promise<number>): void {
  cleanUpOnSignal();
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exit(1);
    },
  );
}

/** Formats key=value pairs for a RESULT line. */
export function resultLine(name: string, values: Record<string, string | number | boolean>): string {
  const pairs = Object.entries(values).map(([key, value]) => `${key}=${value}`);
  return `RESULT ${name} ${pairs.join(' ')}`;
}
