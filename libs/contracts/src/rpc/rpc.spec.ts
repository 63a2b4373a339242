import { EXAMPLE_IDS } from '../examples/example-values';
import { ALL_RPCS } from '../registry';
import { RpcReplySchema } from '../rpc-definition';
import { compileValidator } from '../validation/compile-validator';
import { FindRawRecordsRpc, StartImportRpc } from './ingest.rpc';
import { ListNotificationsSinceRpc } from './notification.rpc';
import { UpdateSettingsRpc } from './verification-profile.rpc';
import { GetQueueRpc, VerifyBatchRpc, VerifyRpc } from './verification-queue.rpc';
import { ExportWorksRpc, ListPublicWorksRpc } from './verification-reports.rpc';

const actor = { accountId: EXAMPLE_IDS.account, role: 'researcher', onBehalfOf: EXAMPLE_IDS.profile };

const verifyRequest = {
  actor,
  candidateId: EXAMPLE_IDS.candidate,
  idempotencyKey: 'web:01938a6e-verify-1',
  via: 'web',
  decision: 'confirm',
  confidence: 'probable',
  notes: 'Listed in my CV.',
  evidence: [{ kind: 'url', value: 'https://example.org/cv.pdf' }],
};

describe('rpc schemas', () => {
  it.each(ALL_RPCS.map((definition) => [definition.subject, definition]))(
    '%s compiles',
    (_subject, definition) => {
      expect(() => compileValidator(definition.request)).not.toThrow();
      expect(() => compileValidator(RpcReplySchema(definition.result))).not.toThrow();
    },
  );

  it.each(
    ALL_RPCS.filter((definition) => definition !== ListPublicWorksRpc && definition !== FindRawRecordsRpc)
      .filter((definition) => !['getRawRecord'].includes(definition.operation))
      .map((definition) => [definition.subject, definition]),
  )('%s requires an actor', (_subject, definition) => {
    expect(JSON.stringify(definition.request)).toContain('"actor"');
  });
});

describe('verify request', () => {
  const validator = compileValidator(VerifyRpc.request);

  it('accepts a full decision', () => {
    expect(validator.errors(verifyRequest)).toEqual([]);
  });

  it('rejects notes over the limit', () => {
    const paths = validator.errors({ ...verifyRequest, notes: 'x'.repeat(4001) }).map((error) => error.path);
    expect(paths).toContain('/notes');
  });

  it('rejects a missing actor', () => {
    const { actor: _actor, ...anonymous } = verifyRequest;
    expect(validator.check(anonymous)).toBe(false);
  });

  it('rejects an unknown confidence', () => {
    expect(validator.check({ ...verifyRequest, confidence: 'sure' })).toBe(false);
  });

  it('rejects a short idempotency key', () => {
    expect(validator.check({ ...verifyRequest, idempotencyKey: 'k' })).toBe(false);
  });
});

describe('verify batch request', () => {
  const validator = compileValidator(VerifyBatchRpc.request);
  const { candidateId: _candidateId, ...decision } = verifyRequest;
  const batch = {
    ...decision,
    profileId: EXAMPLE_IDS.profile,
    expectedStatus: 'pending',
    candidateIds: [EXAMPLE_IDS.candidate],
  };

  it('accepts a batch', () => {
    expect(validator.errors(batch)).toEqual([]);
  });

  it('rejects an empty batch', () => {
    expect(validator.check({ ...batch, candidateIds: [] })).toBe(false);
  });

  it('rejects repeated candidates', () => {
    expect(validator.check({ ...batch, candidateIds: [EXAMPLE_IDS.candidate, EXAMPLE_IDS.candidate] })).toBe(
      false,
    );
  });
});

describe('queue request', () => {
  const validator = compileValidator(GetQueueRpc.request);
  const query = {
    actor,
    profileId: EXAMPLE_IDS.profile,
    status: ['pending'],
    minScore: 0.5,
    sort: 'score',
    limit: 50,
  };

  it('accepts filters, sort and limit', () => {
    expect(validator.errors(query)).toEqual([]);
  });

  it.each([0, 201, 1.5])('rejects limit %s', (limit) => {
    expect(validator.check({ ...query, limit })).toBe(false);
  });

  it('rejects an unknown sort', () => {
    expect(validator.check({ ...query, sort: 'title' })).toBe(false);
  });

  it('accepts a page of the result', () => {
    expect(compileValidator(GetQueueRpc.result).errors({ items: [], nextCursor: null })).toEqual([]);
  });
});

describe('start import request', () => {
  const validator = compileValidator(StartImportRpc.request);
  const request = (path: string) => ({
    actor: { role: 'admin', accountId: EXAMPLE_IDS.account },
    input: { kind: 'path', path },
  });

  it('accepts a relative path inside the import folder', () => {
    expect(validator.errors(request('openalex/2026-12/*.jsonl.gz'))).toEqual([]);
  });

  it.each(['/etc/passwd', '../secrets.json', 'a/../../b', '..'])('rejects %s', (path) => {
    expect(validator.check(request(path))).toBe(false);
  });
});

describe('other requests', () => {
  it('find raw records accepts a DOI or a source id', () => {
    const validator = compileValidator(FindRawRecordsRpc.request);
    expect(validator.check({ doi: '10.7717/peerj.4375' })).toBe(true);
    expect(validator.check({ source: 'hal', sourceId: 'hal-00845819' })).toBe(true);
    expect(validator.check({ source: 'hal' })).toBe(false);
  });

  it('settings update rejects a threshold above one', () => {
    const request = { actor, profileId: EXAMPLE_IDS.profile, changes: { autoConfirmThreshold: 1.5 } };
    expect(compileValidator(UpdateSettingsRpc.request).check(request)).toBe(false);
  });

  it('export rejects an unknown format', () => {
    const request = { actor, profileId: EXAMPLE_IDS.profile, format: 'docx' };
    expect(compileValidator(ExportWorksRpc.request).check(request)).toBe(false);
  });

  it('replay requires a UUID last event id', () => {
    const request = { actor, profileId: EXAMPLE_IDS.profile, lastEventId: '42' };
    expect(compileValidator(ListNotificationsSinceRpc.request).check(request)).toBe(false);
  });
});

describe('rpc reply', () => {
  const reply = compileValidator(RpcReplySchema(VerifyRpc.result));

  it('accepts an error reply', () => {
    expect(
      reply.check({
        ok: false,
        error: { code: 'INVALID_TRANSITION', message: 'rejected → merged is not allowed' },
      }),
    ).toBe(true);
  });

  it('rejects an unknown error code', () => {
    expect(reply.check({ ok: false, error: { code: 'OOPS', message: 'x' } })).toBe(false);
  });
});
