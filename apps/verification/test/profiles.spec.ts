import path from 'node:path';

import {
  AddIdentifierRuleRpc,
  AddIdentityRpc,
  CreateProfileRpc,
  GetProfileRpc,
  GetSettingsRpc,
  ListIdentifierRulesRpc,
  ListIdentitiesRpc,
  RemoveIdentifierRuleRpc,
  RemoveIdentityRpc,
  UpdateProfileRpc,
  UpdateSettingsRpc,
} from '@atlas/contracts';
import type { SourceAuthorProfile } from '@atlas/source-parsers';
import { callRpc } from '@atlas/messaging';
import { readRecords } from '@atlas/source-parsers';

import { outboxEvents, startHarness } from './harness';

import type { Harness } from './harness';

const PERSONS = path.join(__dirname, '../../../data/real/orcid/rorcid_api_v3.0');
const admin = { role: 'admin' as const };
const owner = (profileId: string) => ({
  role: 'researcher' as const,
  onBehalfOf: profileId,
  accountId: profileId,
});

let harness: Harness;
const persons: SourceAuthorProfile[] = [];

beforeAll(async () => {
  harness = await startHarness();
  for (const file of ['v3.0_0000-0002-1642-628X_person.json.gz', 'v3.0_0000-0003-4575-321X_person.json.gz']) {
    for await (const item of readRecords(path.join(PERSONS, file))) {
      if (item.kind === 'record' && item.profile) persons.push(item.profile);
    }
  }
}, 60_000);

afterAll(() => harness?.close());

async function createFrom(person: SourceAuthorProfile) {
  return callRpc(harness.nc, CreateProfileRpc, {
    actor: admin,
    displayName: person.displayName ?? person.sourceId,
    orcid: person.orcid!,
  });
}

describe('profiles over real PostgreSQL and NATS', () => {
  it('creates once per ORCID, versions events', async () => {
    const person = persons[0]!;
    const { profile, created } = await createFrom(person);
    expect(created).toBe(true);
    expect(profile).toMatchObject({ primaryOrcid: person.orcid, version: 0 });
    const again = await createFrom(person);
    expect(again).toMatchObject({ created: false, profile: { id: profile.id } });

    const updated = await callRpc(harness.nc, UpdateProfileRpc, {
      actor: owner(profile.id),
      profileId: profile.id,
      expectedVersion: 0,
      changes: { email: 'Someone@Example.org', nameVariants: ['Müller, Jürgen', 'J. Müller'] },
    });
    expect(updated).toMatchObject({ version: 1, email: 'someone@example.org' });
    expect(updated.nameVariants).toEqual(expect.arrayContaining(['Müller, Jürgen', 'J. Müller']));
    await expect(
      callRpc(harness.nc, UpdateProfileRpc, {
        actor: owner(profile.id),
        profileId: profile.id,
        expectedVersion: 0,
        changes: { bio: 'late edit' },
      }),
    ).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('version 1, not 0') });

    const events = await outboxEvents(harness.admin, profile.id);
    expect(events.map((event) => [event.subject, event.payload.entityVersion])).toEqual([
      ['atlas.verification.profile.changed.v1', 0],
      ['atlas.verification.public_profile.changed.v1', 0],
      ['atlas.verification.profile.changed.v1', 1],
      ['atlas.verification.public_profile.changed.v1', 1],
    ]);
    const [internal, publicView] = [events[2]!.payload.data, events[3]!.payload.data];
    expect(internal).toMatchObject({
      contactEmail: 'someone@example.org',
      changes: ['details', 'name_variants'],
    });
    expect(JSON.stringify(publicView)).not.toContain('someone@example.org');
    expect(publicView).not.toHaveProperty('settings');
  });

  it('validates identities, keeps each on one profile and removes them', async () => {
    const first = (await createFrom(persons[0]!)).profile;
    const second = (await createFrom(persons[1]!)).profile;
    const add = (
      profileId: string,
      type: 'orcid' | 'openalex' | 'idref' | 'email' | 'name_variant',
      value: string,
    ) => callRpc(harness.nc, AddIdentityRpc, { actor: owner(profileId), profileId, type, value });

    await expect(add(second.id, 'orcid', '0000-0002-1642-6281')).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: expect.stringContaining('check digit'),
    });
    await expect(add(second.id, 'orcid', `https://orcid.org/${persons[0]!.orcid}`)).rejects.toMatchObject({
      code: 'CONFLICT',
      message: `Identity orcid ${persons[0]!.orcid} already belongs to a profile`,
    });
    const openalex = await add(second.id, 'openalex', 'https://openalex.org/A5023888391');
    expect(openalex).toMatchObject({ type: 'openalex', value: 'A5023888391' });
    await add(second.id, 'idref', '02690716x');
    await add(second.id, 'email', 'Person@Univ.fr');
    await add(first.id, 'name_variant', 'Dupont, Éloïse');
    await add(second.id, 'name_variant', 'Dupont, Éloïse');

    const listed = await callRpc(harness.nc, ListIdentitiesRpc, {
      actor: owner(second.id),
      profileId: second.id,
    });
    expect(listed.items.map((item) => `${item.type}:${item.value}`)).toEqual([
      `orcid:${persons[1]!.orcid}`,
      'openalex:A5023888391',
      'idref:02690716X',
      'email:person@univ.fr',
      'name_variant:Dupont, Éloïse',
    ]);
    await expect(
      callRpc(harness.nc, ListIdentitiesRpc, { actor: owner(first.id), profileId: second.id }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });

    const removal = { actor: owner(second.id), profileId: second.id, identityId: listed.items[0]!.id };
    expect(await callRpc(harness.nc, RemoveIdentityRpc, removal)).toEqual({ removed: true });
    expect(await callRpc(harness.nc, RemoveIdentityRpc, removal)).toEqual({ removed: false });
    const profile = await callRpc(harness.nc, GetProfileRpc, {
      actor: owner(second.id),
      profileId: second.id,
    });
    expect(profile.primaryOrcid).toBeUndefined();
    expect(profile.version).toBe(5);
  });

  it('keeps settings above the system floor and manages identifier rules', async () => {
    const { profile } = await createFrom(persons[1]!);
    const actor = owner(profile.id);
    const settings = await callRpc(harness.nc, UpdateSettingsRpc, {
      actor,
      profileId: profile.id,
      changes: { autoConfirmThreshold: 0.5, visibility: 'private', watchedSources: ['hal', 'orcid'] },
    });
    expect(settings).toMatchObject({ autoConfirmThreshold: 0.95, visibility: 'private' });
    expect(await callRpc(harness.nc, GetSettingsRpc, { actor, profileId: profile.id })).toEqual(settings);

    const rule = await callRpc(harness.nc, AddIdentifierRuleRpc, {
      actor,
      profileId: profile.id,
      identifierType: 'doi',
      value: 'https://doi.org/10.1038/NATURE12373',
      effect: 'exclude',
    });
    expect(rule).toMatchObject({ value: '10.1038/nature12373', effect: 'exclude' });
    await expect(
      callRpc(harness.nc, AddIdentifierRuleRpc, {
        actor,
        profileId: profile.id,
        identifierType: 'arxiv',
        value: 'not-an-id',
        effect: 'include',
      }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST', message: 'Invalid arxiv identifier "not-an-id"' });
    const rules = await callRpc(harness.nc, ListIdentifierRulesRpc, { actor, profileId: profile.id });
    expect(rules.items).toEqual([rule]);
    await callRpc(harness.nc, RemoveIdentifierRuleRpc, { actor, profileId: profile.id, ruleId: rule.id });
    const last = (await outboxEvents(harness.admin, profile.id)).at(-2)!;
    expect(last.payload.data).toMatchObject({
      changes: ['identifier_rules'],
      facts: { identifierRules: [] },
    });
  });
});
