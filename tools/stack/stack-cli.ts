import { startStack, stackDirectory, stackEnvironment, stopStack } from '@atlas/local-stack';

const USAGE = 'Usage: npm run stack -- start | stop | status | env [--json]';

async function main(command: string | undefined, flags: string[]): Promise<void> {
  const log = (line: string) => process.stderr.write(`${line}\n`);
  switch (command) {
    case 'start':
    case 'status': {
      const connection = await startStack({ log });
      const verb =
        connection.started.length > 0 ? `started ${connection.started.join(', ')}` : 'already running';
      log(`Local stack in ${stackDirectory()}: ${verb}.`);
      printEnvironment(stackEnvironment(connection), flags.includes('--json'));
      return;
    }
    case 'env': {
      const connection = await startStack({ log });
      printEnvironment(stackEnvironment(connection), flags.includes('--json'));
      return;
    }
    case 'stop': {
      const stopped = await stopStack({ log });
      log(stopped.length > 0 ? `Stopped ${stopped.join(', ')}.` : 'Nothing was running.');
      return;
    }
    default:
      throw new Error(`Unknown command "${command ?? ''}". ${USAGE}`);
  }
}

function printEnvironment(env: Record<string, string>, json: boolean): void {
  if (json) {
    process.stdout.write(`${JSON.stringify(env)}\n`);
    return;
  }
  for (const [name, value] of Object.entries(env)) process.stdout.write(`export ${name}='${value}'\n`);
}

main(process.argv[2], process.argv.slice(3)).catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
