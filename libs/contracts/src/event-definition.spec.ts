import Type from 'typebox';

import { deadLetterSubject, defineEvent, durableConsumerName, streamName } from './event-definition';

describe('defineEvent', () => {
  const definition = defineEvent({
    service: 'verification',
    entity: 'decision',
    event: 'recorded',
    version: 2,
    public: false,
    schema: Type.Object({ candidateId: Type.String() }),
  });

  it('derives the versioned subject and the type', () => {
    expect(definition.subject).toBe('atlas.verification.decision.recorded.v2');
    expect(definition.type).toBe('atlas.verification.decision.recorded');
  });

  it('places the event in its service stream', () => {
    expect(definition.stream).toBe('VERIFICATION');
    expect(streamName('notification')).toBe('NOTIFICATION');
  });

  it('names durable consumers by consumer, event and version', () => {
    expect(durableConsumerName('notification', definition)).toBe('notification_decision_recorded_v2');
  });

  it('names the dead-letter subject of a consumer', () => {
    expect(deadLetterSubject('matching', 'matching_record_stored_v1')).toBe(
      'atlas.dlq.matching.matching_record_stored_v1',
    );
  });
});
