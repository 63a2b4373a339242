import { EventEnvelopeSchema } from './envelope';
import { EVENT_EXAMPLES } from './examples/event-examples';
import { EXAMPLE_TIME } from './examples/example-values';
import { compileValidator } from './validation/compile-validator';

import type { EventExample } from './examples/event-examples';

function envelope(entry: EventExample) {
  return {
    id: '01938a6e-0000-7000-8000-0000000000ff',
    type: entry.definition.type,
    version: entry.definition.version,
    source: entry.definition.service,
    time: EXAMPLE_TIME,
    entityId: '01938a6e-0000-7000-8000-000000000001',
    entityVersion: 3,
    traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
    data: entry.data,
  };
}

describe('event envelope', () => {
  it.each(EVENT_EXAMPLES.map((entry): [string, EventExample] => [entry.definition.subject, entry]))(
    '%s envelope is valid',
    (_subject, entry) => {
      const validator = compileValidator(EventEnvelopeSchema(entry.definition.schema));
      expect(validator.errors(envelope(entry))).toEqual([]);
    },
  );

  it('rejects an unknown source service', () => {
    const [first] = EVENT_EXAMPLES;
    const validator = compileValidator(EventEnvelopeSchema(first!.definition.schema));
    expect(validator.check({ ...envelope(first!), source: 'billing' })).toBe(false);
  });

  it('rejects a type carrying its version token', () => {
    const [first] = EVENT_EXAMPLES;
    const validator = compileValidator(EventEnvelopeSchema(first!.definition.schema));
    expect(validator.check({ ...envelope(first!), type: first!.definition.subject })).toBe(false);
  });
});
