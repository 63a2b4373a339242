import type { AffiliationPeriod, IdentifierType, RawRecord } from '@atlas/contracts';
import type { SqlExecutor } from '@atlas/database';
import { parseOpenAlexAuthor, parseOrcidPerson } from '@atlas/source-parsers';
import type { SourceAuthorProfile } from '@atlas/source-parsers';

import { VerificationError } from '../domain/errors';
import { insertIdentity, replaceNameVariants } from '../repositories/identity.repository';
import { findProfileByIdentity, lockProfile, readProfile } from '../repositories/profile.repository';
import { createProfile, touchProfile } from './profile.service';

/** Defaults an import applies to the profiles it creates. */
export interface ImportDefaults {
  institutionId?: string;
  affiliation?: AffiliationPeriod;
}

/** Maps a stored OpenAlex author or ORCID person record to a source profile, or explains why not. */
export function parseProfileRecord(record: RawRecord): SourceAuthorProfile | string {
  const outcome =
    record.source === 'openalex' && record.entityType === 'author'
      ? parseOpenAlexAuthor(record.data as never)
      : record.source === 'orcid' && record.entityType === 'person'
        ? parseOrcidPerson(record.sourceId, record.data as never)
        : undefined;
  if (!outcome) return `${record.source} ${record.entityType} records hold no profile`;
  if (!outcome.ok) return outcome.reason;
  return 'profile' in outcome ? outcome.profile : 'record holds no profile';
}

/**
 * Creates a profile from a source profile, or adds its identities and names to the profile already
 * holding its ORCID or OpenAlex id. Identities another profile holds are skipped.
 */
export async function importProfile(
  tx: SqlExecutor,
  source: SourceAuthorProfile,
  defaults: ImportDefaults,
): Promise<'created' | 'updated'> {
  const existing =
    (source.orcid && (await findProfileByIdentity(tx, 'orcid', source.orcid))) ||
    (source.openalexId && (await findProfileByIdentity(tx, 'openalex', source.openalexId)));
  if (existing) {
    await lockProfile(tx, existing);
    await addSourceIdentities(tx, existing, source);
    await touchProfile(tx, existing, 'imported');
    return 'updated';
  }
  const displayName = source.displayName ?? nameOf(source);
  if (!displayName) throw new Error(`Profile ${source.sourceId} has no name`);
  const affiliations = [
    ...source.affiliations.flatMap(toAffiliation),
    ...(defaults.affiliation ? [defaults.affiliation] : []),
  ];
  const { profile } = await createProfile(tx, {
    displayName: displayName.slice(0, 256),
    ...(source.orcid ? { orcid: source.orcid } : {}),
    ...(defaults.institutionId ? { institutionId: defaults.institutionId } : {}),
    affiliations: affiliations.slice(0, 100),
  });
  await addSourceIdentities(tx, profile.id, source);
  await touchProfile(tx, profile.id, 'imported');
  return 'created';
}

async function addSourceIdentities(tx: SqlExecutor, profileId: string, source: SourceAuthorProfile) {
  const identities: { type: IdentifierType; value: string }[] = [
    ...(source.orcid ? [{ type: 'orcid' as const, value: source.orcid }] : []),
    ...(source.openalexId ? [{ type: 'openalex' as const, value: source.openalexId }] : []),
    ...source.emails.map((value) => ({ type: 'email' as const, value })),
  ];
  for (const identity of identities) {
    const owner = await findProfileByIdentity(tx, identity.type, identity.value);
    if (owner && owner !== profileId) continue;
    try {
      await insertIdentity(tx, profileId, identity);
    } catch (error) {
      // A malformed address in the source is dropped, the rest of the profile kept.
      if (!(error instanceof VerificationError) || error.code !== 'BAD_REQUEST') throw error;
    }
  }
  const known = (await readProfile(tx, profileId)).nameVariants;
  const names = [...known, ...source.alternativeNames.map((name) => name.slice(0, 256))];
  await replaceNameVariants(tx, profileId, [...new Set(names)].slice(0, 100));
}

function nameOf(source: SourceAuthorProfile): string | undefined {
  const parts = [source.givenName, source.familyName].filter(Boolean);
  return parts.length > 0 ? parts.join(' ') : undefined;
}

function toAffiliation(affiliation: SourceAuthorProfile['affiliations'][number]): AffiliationPeriod[] {
  if (!affiliation.institutionName) return [];
  const start = affiliation.startYear ?? affiliation.years.at(-1);
  const end = affiliation.isLastKnown ? undefined : (affiliation.endYear ?? affiliation.years[0]);
  return [
    {
      name: affiliation.institutionName,
      ...(affiliation.rorId ? { rorId: affiliation.rorId } : {}),
      ...(start ? { start: String(start) } : {}),
      ...(end ? { end: String(end) } : {}),
    },
  ];
}
