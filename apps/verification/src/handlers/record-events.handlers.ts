import type { Static } from 'typebox';

import type {
  CandidatesProposedV1,
  EventEnvelope,
  RecordRemovedV1,
  RecordStoredV1,
  RecordUpdatedV1,
  Work,
} from '@atlas/contracts';
import type { SqlExecutor } from '@atlas/database';

import { markRecordRemoved, saveRecordVersion } from '../repositories/record-version.repository';
import { applyRecordChange } from '../services/record-change.service';
import { flagRetractedWorks } from '../services/work-retraction.service';
import { takeProposals } from '../services/proposal-intake.service';

import type { AutoDecisionPolicy } from '../domain/auto-decision';

/** The work of a record event; works sent by reference are not read yet. */
function inlineWork(content: { kind: 'inline'; value: Work } | { kind: 'reference' }): Work | undefined {
  // TODO: fetch works sent by reference from the event object store (author lists near the 1 MB cap).
  return content.kind === 'inline' ? content.value : undefined;
}

/**
 * Keeps the work of a newly stored record, so candidates can show it and confirmations can build works
 * from it, and flags the works a retraction or withdrawal notice names.
 */
export async function onRecordStored(
  event: EventEnvelope<Static<typeof RecordStoredV1.schema>>,
  tx: SqlExecutor,
) {
  const work = inlineWork(event.data.work);
  if (work) await saveRecordVersion(tx, event.data.record, work);
  await flagRetractedWorks(tx, { record: event.data.record, ...(work ? { work } : {}) });
}

/**
 * Keeps the new version's work, applies the change to the record's candidates (a confirmed one keeps
 * its decision and is flagged when the change is material), and flags the canonical works the new
 * version retracts or withdraws.
 */
export async function onRecordUpdated(
  event: EventEnvelope<Static<typeof RecordUpdatedV1.schema>>,
  tx: SqlExecutor,
) {
  const work = inlineWork(event.data.work);
  if (work) await saveRecordVersion(tx, event.data.record, work);
  await applyRecordChange(tx, {
    source: event.data.record.source,
    sourceId: event.data.record.sourceId,
    newRecord: work ? event.data.record : undefined,
    reasons: event.data.materialChanges,
  });
  await flagRetractedWorks(tx, {
    record: event.data.record,
    ...(work ? { work } : {}),
    materialChanges: event.data.materialChanges,
  });
}

/** Expires the undecided candidates of a removed record and flags the decided ones. */
export async function onRecordRemoved(
  event: EventEnvelope<Static<typeof RecordRemovedV1.schema>>,
  tx: SqlExecutor,
) {
  await markRecordRemoved(tx, event.data.source, event.data.sourceId, event.data.removedAt);
  await applyRecordChange(tx, {
    source: event.data.source,
    sourceId: event.data.sourceId,
    reasons: ['removed'],
  });
}

/** Builds the consumer of candidates proposed with the service's automatic decision limits. */
export function onCandidatesProposed(policy: AutoDecisionPolicy) {
  return (event: EventEnvelope<Static<typeof CandidatesProposedV1.schema>>, tx: SqlExecutor) =>
    takeProposals(tx, event.data, policy);
}
