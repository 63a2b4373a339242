/**
 * Matching throughput against merely parsing the same real OpenAlex records, and the cost of ten times
 * the records against the same profiles (median of three runs, in CPU time).
 * Final line: RESULT matching ratio=<x> scale10=<y> pairs=<n>
 */
import { parseOpenAlexWork } from '@atlas/source-parsers';
import {
  ProfileIndex,
  DEFAULT_MODEL,
  DEFAULT_THRESHOLDS,
  matchRecord,
  summariseWork,
} from '@atlas/matching-core';

import { buildSplit } from '../matching-eval/build-split';
import { loadOpenAlexAuthors, loadOpenAlexWorks, readJsonLines } from '../matching-eval/load-corpus';

const RAW = [
  ...readJsonLines('openalex/academic-explorer_works.jsonl.gz'),
  ...readJsonLines('openalex/openalexpro_works.jsonl.gz'),
];

function median(values: number[]): number {
  return [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
}

/** Runs and measures the CPU time of this process, which other load on the machine skews less than wall time. */
function timed(run: () => number): { ms: number; count: number } {
  const start = process.cpuUsage();
  const count = run();
  const used = process.cpuUsage(start);
  return { ms: (used.user + used.system) / 1000, count };
}

function parseAll(copies: number): number {
  let parsed = 0;
  for (let copy = 0; copy < copies; copy += 1)
    for (const raw of RAW) if (parseOpenAlexWork(raw as never).ok) parsed += 1;
  return parsed;
}

function parseAndMatch(index: ProfileIndex, copies: number): number {
  let pairs = 0;
  for (let copy = 0; copy < copies; copy += 1) {
    for (const raw of RAW) {
      const outcome = parseOpenAlexWork(raw as never);
      if (!outcome.ok || outcome.entityType !== 'work') continue;
      const summary = summariseWork(outcome.work, { rawRecordId: outcome.work.sourceId, checksum: '' });
      pairs += matchRecord(
        summary,
        (author) => index.candidatesFor(author),
        DEFAULT_MODEL,
        DEFAULT_THRESHOLDS,
      ).pairs.length;
    }
  }
  return pairs;
}

function main(): void {
  const split = buildSplit(loadOpenAlexWorks(), loadOpenAlexAuthors(), true);
  const index = new ProfileIndex(split.profiles);
  parseAndMatch(index, 1);
  const parse = median([0, 1, 2].map(() => timed(() => parseAll(1)).ms));
  const once = [0, 1, 2].map(() => timed(() => parseAndMatch(index, 1)));
  const tenfold = median([0, 1, 2].map(() => timed(() => parseAndMatch(index, 10)).ms));
  const match = median(once.map((run) => run.ms));
  const ratio = parse / match;
  const scale10 = tenfold / match;
  console.log(`records ${RAW.length}, profiles ${split.profiles.length}`);
  console.log(
    `parse ${parse.toFixed(0)} ms, parse+match ${match.toFixed(0)} ms, 10x parse+match ${tenfold.toFixed(0)} ms`,
  );
  console.log(
    `RESULT matching ratio=${ratio.toFixed(3)} scale10=${scale10.toFixed(2)} pairs=${once[0]?.count ?? 0}`,
  );
}

main();
