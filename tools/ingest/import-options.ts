import { parseArgs } from 'node:util';

import { SOURCES } from '@atlas/contracts';
import { SOURCE_FORMATS } from '@atlas/source-parsers';

import type { ImportRequest } from '@atlas/ingest-import';

/** Usage of `atlas import`. */
export const IMPORT_USAGE = `Usage: npm run atlas -- import PATH... [options]

PATH is a file, a folder (its .json/.jsonl/.ndjson/.xml/.atom files, gzip-compressed or not) or a glob.

Options:
  --format <name>          read every file as this format instead of detecting it (${SOURCE_FORMATS.join(', ')})
  --exclude <glob>         leave out matching files (repeatable)
  --complete-for <source>  the inputs hold every record of this source: records not seen are removed
                           (repeatable; ${SOURCES.join(', ')})
  --resume <runId>         continue this run; by default an unfinished run of the same inputs continues
  --new                    start a new run even if an unfinished run of the same inputs exists
  --batch-size <n>         records per transaction (default 2000)
  --json                   print the summary as JSON
  --no-progress            no progress bar`;

/** Parsed command line of `atlas import`. */
export interface ImportCommand {
  request: ImportRequest;
  batchSize?: number;
  json: boolean;
  progress: boolean;
}

/** Parses the arguments after `import`; throws an Error with the usage on a bad one. */
export function parseImportCommand(args: string[]): ImportCommand {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      format: { type: 'string' },
      exclude: { type: 'string', multiple: true },
      'complete-for': { type: 'string', multiple: true },
      resume: { type: 'string' },
      new: { type: 'boolean', default: false },
      'batch-size': { type: 'string' },
      json: { type: 'boolean', default: false },
      'no-progress': { type: 'boolean', default: false },
    },
  });
  if (positionals.length === 0 && !values.resume) throw new Error(`No input given.\n\n${IMPORT_USAGE}`);
  checkChoice('--format', values.format, SOURCE_FORMATS);
  for (const source of values['complete-for'] ?? []) checkChoice('--complete-for', source, SOURCES);
  const batchSize = values['batch-size'] ? Number(values['batch-size']) : undefined;
  if (batchSize !== undefined && !(Number.isInteger(batchSize) && batchSize > 0 && batchSize <= 50_000)) {
    throw new Error('--batch-size must be an integer between 1 and 50000.');
  }
  const resume = values.resume ? { runId: values.resume } : values.new ? 'never' : 'auto';
  return {
    request: {
      inputs: positionals,
      ...(values.format ? { format: values.format } : {}),
      ...(values.exclude ? { exclude: values.exclude } : {}),
      ...(values['complete-for'] ? { completeFor: values['complete-for'] } : {}),
      resume,
    },
    ...(batchSize ? { batchSize } : {}),
    json: values.json,
    progress: !values['no-progress'] && !values.json,
  };
}

function checkChoice(option: string, value: string | undefined, choices: readonly string[]): void {
  if (value !== undefined && !choices.includes(value)) {
    throw new Error(`${option} must be one of ${choices.join(', ')}; got "${value}".`);
  }
}
