/**
 * Evaluates the matcher on real OpenAlex data with a fixed split, and on the S2AND subset.
 * Usage: npx tsx tools/matching-eval/run-evaluation.ts [--write-model]
 * `--write-model` stores the model fitted on the fit fold into libs/matching-core/model/.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { DEFAULT_MODEL, DEFAULT_THRESHOLDS, fitModel } from '@atlas/matching-core';

import { buildSplit } from './build-split';
import { loadOpenAlexAuthors, loadOpenAlexWorks } from './load-corpus';
import { precisionRecall, queueMeanAveragePrecision, thresholdForPrecision } from './metrics';
import { evaluateS2and } from './s2and-eval';
import { scoreFold } from './score-split';

import type { MatchModel, MatchThresholds } from '@atlas/matching-core';
import type { Work } from '@atlas/contracts';
import type { SourceAuthorProfile } from '@atlas/source-parsers';

import type { Proportion } from './metrics';

function show(label: string, proportion: Proportion): string {
  const f = (x: number) => x.toFixed(3);
  return `${label} ${f(proportion.value)} [${f(proportion.low)}, ${f(proportion.high)}] (${proportion.successes}/${proportion.trials})`;
}

function fit(works: Work[], authors: Map<string, SourceAuthorProfile>): MatchModel {
  const split = buildSplit(works, authors, true);
  const training = scoreFold(split, 'fit', DEFAULT_MODEL, DEFAULT_THRESHOLDS).labelled;
  const calibration = scoreFold(split, 'calibrate', DEFAULT_MODEL, DEFAULT_THRESHOLDS).labelled;
  return fitModel(DEFAULT_MODEL, training, calibration, 'nb-openalex-2');
}

function calibrateThresholds(
  works: Work[],
  authors: Map<string, SourceAuthorProfile>,
  model: MatchModel,
): MatchThresholds {
  const split = buildSplit(works, authors, false);
  const { pairs } = scoreFold(split, 'calibrate', model, DEFAULT_THRESHOLDS);
  const floor = Math.max(DEFAULT_THRESHOLDS.autoConfirmFloor, thresholdForPrecision(pairs, 0.995, true));
  return { ...DEFAULT_THRESHOLDS, autoConfirmFloor: Math.min(floor, 0.999) };
}

function report(
  run: string,
  works: Work[],
  authors: Map<string, SourceAuthorProfile>,
  model: MatchModel,
  thresholds: MatchThresholds,
) {
  const split = buildSplit(works, authors, run === 'identifiers visible');
  const scores = scoreFold(split, 'test', model, thresholds);
  console.log(
    `\n## ${run}: ${split.profiles.length} profiles, ${scores.positives} true pairs, ${scores.pairs.length} proposals`,
  );
  const levels: [string, (p: { score: number; eligible: boolean }) => boolean][] = [
    [`auto-reject ${thresholds.autoReject}`, (p) => p.score >= thresholds.autoReject],
    [`suggest ${thresholds.suggest}`, (p) => p.score >= thresholds.suggest],
    [
      `auto-confirm ${thresholds.autoConfirmFloor}`,
      (p) => p.eligible && p.score >= thresholds.autoConfirmFloor,
    ],
  ];
  for (const [label, accept] of levels) {
    const { precision, recall } = precisionRecall(scores.pairs, accept, scores.positives);
    console.log(`${label.padEnd(22)} ${show('precision', precision)}  ${show('recall', recall)}`);
  }
  console.log(`queue MAP ${queueMeanAveragePrecision(scores.pairs, scores.positivesByProfile).toFixed(3)}`);
}

function main(): void {
  const works = loadOpenAlexWorks();
  const authors = loadOpenAlexAuthors();
  const model = fit(works, authors);
  if (process.argv.includes('--write-model')) {
    writeFileSync(
      join(__dirname, '../../libs/matching-core/model/matching-model.json'),
      `${JSON.stringify(model, null, 2)}\n`,
    );
  }
  const thresholds = calibrateThresholds(works, authors, model);
  console.log(
    `# Matching evaluation (${works.length} works, ${authors.size} author objects, model ${model.version})`,
  );
  console.log(
    `calibrated auto-confirm floor ${thresholds.autoConfirmFloor}; Platt ${JSON.stringify(model.calibration)}`,
  );
  report('identifiers visible', works, authors, model, thresholds);
  report('identifiers hidden', works, authors, model, thresholds);
  const s2and = evaluateS2and(model, thresholds);
  console.log(`\n## S2AND subset: ${s2and.signatures} signatures, ${s2and.truePairs} true pairs`);
  console.log(`${show('pairwise precision', s2and.precision)}  ${show('pairwise recall', s2and.recall)}`);
}

main();
