import { METRICS, counterOf, histogramOf } from '@atlas/observability';

import type { Counter, Histogram } from '@opentelemetry/api';

import type { RecordMatch } from '@atlas/matching-core';

interface MatchingInstruments {
  proposed: Counter;
  pairs: Counter;
  scoring: Histogram;
}

let instruments: MatchingInstruments | undefined;

// Created on first use, because instruments created before telemetry starts are no-ops for good.
function matchingInstruments(): MatchingInstruments {
  instruments ??= {
    proposed: counterOf(METRICS.matchingCandidatesProposed),
    pairs: counterOf(METRICS.matchingPairsScored),
    scoring: histogramOf(METRICS.matchingScoringDuration),
  };
  return instruments;
}

/** Status label of a proposal: eligible for auto-confirmation, in conflict with another profile, or for review. */
function proposalStatus(proposal: RecordMatch['proposals'][number]): string {
  if (proposal.autoConfirmEligible) return 'auto_confirm_eligible';
  return proposal.conflict.length > 0 ? 'conflict' : 'review';
}

/**
 * Records the scoring of one record: its duration, the pairs scored and, when an event was
 * published, its proposals by status.
 *
 * NOTE: it runs inside the consumer's transaction, so a transaction that rolls back and is retried
 * counts its record twice.
 */
export function recordScoring(
  match: RecordMatch,
  seconds: number,
  trigger: string,
  published: boolean,
): void {
  const { proposed, pairs, scoring } = matchingInstruments();
  scoring.record(seconds, { trigger });
  pairs.add(match.pairs.length);
  if (!published) return;
  for (const proposal of match.proposals) proposed.add(1, { status: proposalStatus(proposal) });
}
