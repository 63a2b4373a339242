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
import { takeProposals } from '../services/proposal-intake.service';

import type { AutoDecisionPolicy } from '../domain/auto-decision';

/** The work of a record event; works sent by reference are not read yet. */
function inlineWork(content: { kind: 'inline'; value: Work } | { kind: 'reference' }): Work | undefined {
  // TODO: fetch works sent by reference from the event object store (author lists near the 1 MB cap).
  return content.kind === 'inline' ? content.value : undefined;
}

/** Keeps the work of a newly stored record, so candidates can show it and confirmations can build works from it. */
export async function onRecordStored(
  event: EventEnvelope<Static<typeof RecordStoredV1.schema>>,
  tx: SqlExecutor,
) {
  const work = inlineWork(event.data.work);
  if (work) await saveRecordVersion(tx, event.data.record, work);
}

/** Keeps the new version's work and applies the change to the record's candidates. */
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
