import { durableConsumerName } from './event-definition';
import { ALL_EVENTS, ALL_RPCS, PUBLIC_EVENTS, findEventBySubject, findRpcBySubject } from './registry';

const EVENT_SUBJECT =
  /^atlas\.(ingest|matching|verification|notification|gateway)\.[a-z][a-z_]*\.[a-z][a-z_]*\.v[1-9][0-9]*$/;
const RPC_SUBJECT = /^atlas\.(ingest|matching|verification|notification|gateway)\.rpc\.[a-z][A-Za-z]*$/;
const PAST_TENSE = /(ed|erased|undone)$/;

describe('event registry', () => {
  it.each(ALL_EVENTS.map((definition) => [definition.subject, definition]))(
    '%s follows the naming rule',
    (_subject, definition) => {
      expect(definition.subject).toMatch(EVENT_SUBJECT);
      expect(definition.subject).toBe(`${definition.type}.v${definition.version}`);
      expect(definition.event).toMatch(PAST_TENSE);
      expect(definition.entity).not.toBe('rpc');
    },
  );

  it('has unique subjects', () => {
    const subjects = ALL_EVENTS.map((definition) => definition.subject);
    expect(new Set(subjects).size).toBe(subjects.length);
  });

  it('uses upper snake case stream names', () => {
    for (const definition of ALL_EVENTS) {
      expect(definition.stream).toMatch(/^[A-Z][A-Z0-9_]*$/);
    }
  });

  it('derives durable consumer names from the event', () => {
    const [first] = ALL_EVENTS;
    expect(first).toBeDefined();
    expect(durableConsumerName('matching', first!)).toBe('matching_record_stored_v1');
  });

  it('lists the public events', () => {
    expect(PUBLIC_EVENTS.length).toBeGreaterThan(0);
    expect(PUBLIC_EVENTS.every((definition) => definition.public)).toBe(true);
  });

  it('finds an event by subject', () => {
    expect(findEventBySubject('atlas.verification.decision.recorded.v1')?.entity).toBe('decision');
    expect(findEventBySubject('atlas.verification.decision.recorded.v9')).toBeUndefined();
  });
});

describe('rpc registry', () => {
  it.each(ALL_RPCS.map((definition) => [definition.subject, definition]))(
    '%s follows the naming rule',
    (_subject, definition) => {
      expect(definition.subject).toMatch(RPC_SUBJECT);
      expect(definition.subject).toBe(`atlas.${definition.service}.rpc.${definition.operation}`);
    },
  );

  it('has unique subjects', () => {
    const subjects = ALL_RPCS.map((definition) => definition.subject);
    expect(new Set(subjects).size).toBe(subjects.length);
  });

  it('finds an operation by subject', () => {
    expect(findRpcBySubject('atlas.verification.rpc.verify')?.operation).toBe('verify');
  });
});
