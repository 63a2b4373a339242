import { wilson } from './metrics';

export { readGzipJson } from './load-corpus';

/** Pairwise precision and recall with Wilson intervals. */
export function wilsonPair(correct: number, predicted: number, truePairs: number) {
  return { precision: wilson(correct, predicted), recall: wilson(correct, truePairs) };
}
