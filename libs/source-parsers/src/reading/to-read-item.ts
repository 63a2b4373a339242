import { Compile } from 'typebox/compile';

import { WorkSchema } from '@atlas/contracts';
import type { Work } from '@atlas/contracts';

import { contentChecksum } from '../checksum/content-checksum';
import { RejectionCode } from '../model/parse-outcome';
import type { FieldWarning } from '../model/parse-outcome';
import { SourceAuthorProfileSchema } from '../model/source-author-profile.schema';
import type { SourceFormat } from './formats';
import { MAX_NESTING_DEPTH, nestsDeeperThan } from './nesting-depth';
import { findNulCharacter } from './nul-character';
import type { FoundUnit, ReadItem, RejectedItem } from './read-types';

const workValidator = Compile(WorkSchema);
const profileValidator = Compile(SourceAuthorProfileSchema);

/**
 * Turns a found unit into a record or a rejection: checks its size and text, maps it, validates the
 * result against the schema and computes its content checksum.
 */
export function toReadItem(
  found: Extract<FoundUnit, { kind: 'unit' }>,
  format: SourceFormat,
  maxRecordBytes: number,
): ReadItem {
  const { unit, location } = found;
  // Checked first, because serializing a deeper record would overflow the call stack.
  if (nestsDeeperThan(unit.raw)) {
    return reject(
      RejectionCode.nestingTooDeep,
      `record nests arrays and objects deeper than ${MAX_NESTING_DEPTH} levels`,
      found,
    );
  }
  const bytes = found.bytes ?? Buffer.byteLength(JSON.stringify(unit.raw));
  if (bytes > maxRecordBytes) {
    return reject(
      RejectionCode.tooLarge,
      `record of ${bytes} bytes exceeds the limit of ${maxRecordBytes}`,
      found,
    );
  }
  const nulPath = findNulCharacter(unit.raw);
  if (nulPath) {
    return reject(
      RejectionCode.nulCharacter,
      `text at ${nulPath} contains \\u0000, which PostgreSQL JSONB cannot store`,
      found,
    );
  }

  let outcome;
  try {
    outcome = unit.parse();
  } catch (error) {
    return reject(RejectionCode.invalidRecord, `mapping failed: ${(error as Error).message}`, found);
  }
  if (!outcome.ok) return reject(outcome.code, outcome.reason, found, outcome.recordId);

  const mapped = outcome.entityType === 'work' ? outcome.work : outcome.profile;
  const validator = outcome.entityType === 'work' ? workValidator : profileValidator;
  if (!validator.Check(mapped)) {
    const first = validator.Errors(mapped)[0];
    const reason =
      `mapped record does not match the schema: ${first?.instancePath ?? ''} ${first?.message ?? ''}`.trim();
    return reject(RejectionCode.invalidRecord, reason, found, outcome.sourceId);
  }

  return {
    kind: 'record',
    source: mapped.source,
    sourceId: outcome.sourceId,
    entityType: outcome.entityType,
    format,
    raw: unit.raw,
    checksum: contentChecksum(mapped.source, unit.raw),
    ...(outcome.entityType === 'work' ? { work: outcome.work } : { profile: outcome.profile }),
    ...(unit.fetchedAt ? { fetchedAt: unit.fetchedAt } : {}),
    warnings: outcome.entityType === 'work' ? workWarnings(outcome.work, outcome.warnings ?? []) : [],
    location,
  };
}

/** Adds a warning for each identifier and author ORCID iD the work flags as invalid. */
function workWarnings(work: Work, parserWarnings: FieldWarning[]): FieldWarning[] {
  const warnings = [...parserWarnings];
  for (const invalid of work.invalidIdentifiers ?? []) {
    warnings.push({
      field: `identifiers.${invalid.scheme}`,
      reason: `${JSON.stringify(invalid.raw)} is invalid (${invalid.reason}); flagged in invalidIdentifiers`,
    });
  }
  for (const author of work.authors) {
    if (!author.orcidInvalid) continue;
    warnings.push({
      field: `authors[${author.position}].orcid`,
      reason: `${JSON.stringify(author.orcidRaw ?? '')} is not a valid ORCID iD; flagged with orcidInvalid`,
    });
  }
  return warnings;
}

function reject(
  code: RejectedItem['code'],
  reason: string,
  found: FoundUnit,
  recordId?: string,
): RejectedItem {
  return { kind: 'rejected', code, reason, location: found.location, ...(recordId ? { recordId } : {}) };
}
