import { EVENT_EXAMPLES } from '../examples/event-examples';
import { PublicDecisionRecordedV1 } from '../events/verification-decision.events';
import { cleanPayload, PayloadValidationError } from './clean-payload';

const internalDecision = EVENT_EXAMPLES.find(
  (entry) => entry.definition.subject === 'atlas.verification.decision.recorded.v1',
);

describe('cleanPayload', () => {
  it('drops fields the public schema does not declare', () => {
    const source = {
      ...(internalDecision?.data as object),
      decidedByRole: 'researcher',
      contactEmail: 'a@example.org',
    };
    const cleaned = cleanPayload(PublicDecisionRecordedV1.schema, source) as Record<string, unknown>;
    expect(cleaned['notes']).toBeUndefined();
    expect(cleaned['evidence']).toBeUndefined();
    expect(cleaned['contactEmail']).toBeUndefined();
    expect(cleaned['decidedBy']).toBeUndefined();
    expect(cleaned['decidedByRole']).toBe('researcher');
  });

  it('leaves its input unchanged', () => {
    const source = { ...(internalDecision?.data as object), decidedByRole: 'researcher' };
    cleanPayload(PublicDecisionRecordedV1.schema, source);
    expect(source).toHaveProperty('notes');
  });

  it('raises on a payload missing required fields', () => {
    expect(() => cleanPayload(PublicDecisionRecordedV1.schema, { actId: 'x' })).toThrow(
      PayloadValidationError,
    );
  });
});
