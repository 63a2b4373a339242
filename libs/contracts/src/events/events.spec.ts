import { EVENT_EXAMPLES } from '../examples/event-examples';
import { ALL_EVENTS, PUBLIC_EVENTS } from '../registry';
import { compileValidator } from '../validation/compile-validator';
import { findPrivateProperties, listPropertyPaths } from '../validation/schema-walk';
import { DecisionRecordedV1 } from './verification-decision.events';
import { ProfileChangedV1 } from './verification-profile.events';

import type { EventExample } from '../examples/event-examples';

function clone<Value>(value: Value): Value {
  return structuredClone(value);
}

/** Mutations that must make any event payload invalid. */
const BREAKERS: [string, (data: Record<string, unknown>) => unknown][] = [
  ['a string instead of an object', () => 'not an event'],
  ['null', () => null],
  [
    'a required field removed',
    (data) => {
      const broken = clone(data);
      delete broken[Object.keys(broken)[0] as string];
      return broken;
    },
  ],
];

describe('event examples', () => {
  it('cover every event', () => {
    const covered = new Set(EVENT_EXAMPLES.map((entry) => entry.definition.subject));
    expect(ALL_EVENTS.filter((definition) => !covered.has(definition.subject))).toEqual([]);
  });

  it.each(EVENT_EXAMPLES.map((entry): [string, EventExample] => [entry.definition.subject, entry]))(
    '%s example is valid',
    (_subject, entry) => {
      expect(compileValidator(entry.definition.schema).errors(entry.data)).toEqual([]);
    },
  );

  describe.each(BREAKERS)('with %s', (_name, breaker) => {
    it.each(EVENT_EXAMPLES.map((entry): [string, EventExample] => [entry.definition.subject, entry]))(
      '%s is rejected',
      (_subject, entry) => {
        const validator = compileValidator(entry.definition.schema);
        expect(validator.check(breaker(entry.data as Record<string, unknown>))).toBe(false);
      },
    );
  });
});

describe('event payload limits', () => {
  const decisionExample = EVENT_EXAMPLES.find((entry) => entry.definition === DecisionRecordedV1)!;
  const profileExample = EVENT_EXAMPLES.find((entry) => entry.definition === ProfileChangedV1)!;

  it('rejects notes over the length limit', () => {
    const data = { ...(decisionExample.data as object), notes: 'x'.repeat(4001) };
    expect(
      compileValidator(DecisionRecordedV1.schema)
        .errors(data)
        .map((error) => error.path),
    ).toContain('/notes');
  });

  it('rejects an unknown decision type', () => {
    const data = { ...(decisionExample.data as object), decision: 'approve' };
    expect(compileValidator(DecisionRecordedV1.schema).check(data)).toBe(false);
  });

  it('rejects a score above one', () => {
    const data = { ...(decisionExample.data as object), score: 1.2 };
    expect(
      compileValidator(DecisionRecordedV1.schema)
        .errors(data)
        .map((error) => error.path),
    ).toContain('/score');
  });

  it('rejects a malformed contact address', () => {
    const data = { ...(profileExample.data as object), contactEmail: 'not-an-address' };
    const paths = compileValidator(ProfileChangedV1.schema)
      .errors(data)
      .map((error) => error.path);
    expect(paths).toContain('/contactEmail');
  });
});

describe('public events', () => {
  it.each(PUBLIC_EVENTS.map((definition) => [definition.subject, definition]))(
    '%s declares no e-mail, notes or evidence',
    (_subject, definition) => {
      expect(findPrivateProperties(definition.schema)).toEqual([]);
    },
  );

  it('walker finds private fields of internal events', () => {
    expect(findPrivateProperties(DecisionRecordedV1.schema)).toEqual(
      expect.arrayContaining(['/properties/notes', '/properties/evidence']),
    );
    expect(findPrivateProperties(ProfileChangedV1.schema)).toContain('/properties/contactEmail');
  });

  it('walker follows unions into nested objects', () => {
    const paths = listPropertyPaths(DecisionRecordedV1.schema);
    expect(paths).toContain('/properties/decidedBy/properties/onBehalfOf');
  });

  it('public decision example carries no private text', () => {
    const publicDecision = EVENT_EXAMPLES.find(
      (entry) => entry.definition.subject === 'atlas.verification.public_decision.recorded.v1',
    );
    const text = JSON.stringify(publicDecision?.data);
    expect(text).not.toMatch(/notes|evidence|@/);
  });
});
