import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { Command, InvalidArgumentError } from 'commander';

import type { DeadLetterEntry } from './dead-letters';

import { listDeadLetters, purgeDeadLetters, redriveDeadLetters } from './dead-letters';

function positiveInteger(value: string): number {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 1)
    throw new InvalidArgumentError(`"${value}" is not a positive integer.`);
  return parsed;
}

function natsUrl(): string {
  const url = process.env['NATS_URL'];
  if (url) return url;
  throw new Error(
    'NATS_URL is not set: set it to the NATS server of the deployment, or run `eval "$(npm run -s stack -- env)"` for the local stack.',
  );
}

function describe(entry: DeadLetterEntry): string {
  return `#${entry.sequence} ${entry.time} ${entry.subject} event=${entry.eventId ?? '-'} from=${entry.originalSubject ?? '-'} deliveries=${entry.deliveryCount ?? '-'} reason=${entry.reason ?? '-'}`;
}

async function withJetStream<T>(work: (nc: Awaited<ReturnType<typeof connect>>) => Promise<T>): Promise<T> {
  const nc = await connect({ servers: natsUrl().split(','), name: 'atlas-dead-letters' });
  try {
    return await work(nc);
  } finally {
    await nc.drain();
  }
}

const program = new Command('dead-letters').description(
  'Inspect, re-drive or purge the dead letters of the durable consumers (stream DEAD_LETTERS).',
);
const consumerOption = '--consumer <name>';
const consumerHelp = 'durable consumer, e.g. notification_decision_recorded_v1 (default: every consumer)';

program
  .command('list')
  .description('print the dead letters, oldest first, without changing them')
  .option(consumerOption, consumerHelp)
  .option('--limit <count>', 'maximum number of dead letters to print', positiveInteger, 1_000)
  .option('--json', 'print JSON instead of one line per dead letter')
  .action(async (options: { consumer?: string; limit: number; json?: boolean }) => {
    const entries = await withJetStream((nc) =>
      listDeadLetters(jetstream(nc), options.consumer, options.limit),
    );
    process.stdout.write(
      options.json
        ? `${JSON.stringify(entries, null, 2)}\n`
        : entries.map((e) => `${describe(e)}\n`).join(''),
    );
  });

program
  .command('redrive')
  .description('publish the dead letters again on their original subject, then delete them from the stream')
  .option(consumerOption, consumerHelp)
  .option('--limit <count>', 'maximum number of dead letters to re-drive', positiveInteger, 1_000)
  .option('--dry-run', 'print what would be re-driven without publishing or deleting')
  .action(async (options: { consumer?: string; limit: number; dryRun?: boolean }) => {
    const result = await withJetStream(async (nc) =>
      redriveDeadLetters(jetstream(nc), await jetstreamManager(nc), options),
    );
    const verb = options.dryRun ? 'would re-drive' : 're-drove';
    for (const entry of result.redriven) process.stdout.write(`${verb} ${describe(entry)}\n`);
    for (const entry of result.skipped)
      process.stdout.write(`skipped (no original subject) ${describe(entry)}\n`);
    process.stdout.write(`${verb} ${result.redriven.length}, skipped ${result.skipped.length}\n`);
  });

program
  .command('purge')
  .description('delete the dead letters without publishing them again')
  .option(consumerOption, consumerHelp)
  .action(async (options: { consumer?: string }) => {
    const purged = await withJetStream(async (nc) =>
      purgeDeadLetters(await jetstreamManager(nc), options.consumer),
    );
    process.stdout.write(`purged ${purged}\n`);
  });

program.parseAsync(process.argv).catch((error: unknown) => {
  process.stderr.write(`dead-letters: ${(error as Error).message ?? String(error)}\n`);
  process.exitCode = 1;
});
