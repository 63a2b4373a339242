import { ACT_TYPES, CANDIDATE_STATUSES } from '@atlas/contracts';

import { canTransition, nextStatus } from './candidate-state-machine';

const candidate = (status: (typeof CANDIDATE_STATUSES)[number]) => ({ id: 'c-1', status });

describe('candidate state machine', () => {
  it.each([
    ['pending', 'confirm', 'confirmed'],
    ['uncertain', 'confirm', 'confirmed'],
    ['pending', 'reject', 'rejected'],
    ['uncertain', 'reject', 'rejected'],
    ['pending', 'uncertain', 'uncertain'],
    ['pending', 'claim_duplicate', 'merged'],
    ['uncertain', 'claim_version', 'merged'],
    ['pending', 'claim_error', 'uncertain'],
    ['pending', 'delegate', 'pending'],
    ['uncertain', 'delegate', 'pending'],
    ['pending', 'snooze', 'pending'],
    ['confirmed', 'reopen', 'pending'],
    ['rejected', 'reopen', 'pending'],
    ['auto_confirmed', 'reopen', 'pending'],
    ['auto_rejected', 'reopen', 'pending'],
    ['merged', 'reopen', 'pending'],
    ['uncertain', 'reopen', 'pending'],
    ['pending', 'expire', 'expired'],
    ['uncertain', 'expire', 'expired'],
  ] as const)('%s + %s -> %s', (from, act, to) => {
    expect(nextStatus(candidate(from), act)).toBe(to);
  });

  it('maps automatic confirmations and rejections to their own statuses', () => {
    expect(nextStatus(candidate('pending'), 'confirm', { automatic: true })).toBe('auto_confirmed');
    expect(nextStatus(candidate('pending'), 'reject', { automatic: true })).toBe('auto_rejected');
    expect(canTransition('uncertain', 'confirm', { automatic: true })).toBe(false);
    expect(canTransition('pending', 'uncertain', { automatic: true })).toBe(false);
  });

  it('names the candidate, its status and the act when a transition is refused', () => {
    expect(() => nextStatus(candidate('confirmed'), 'reject')).toThrow(
      'Candidate c-1 is confirmed; reject is not allowed from that status',
    );
    try {
      nextStatus(candidate('expired'), 'reopen');
    } catch (error) {
      expect(error).toMatchObject({
        code: 'INVALID_TRANSITION',
        details: { status: 'expired', decision: 'reopen' },
      });
    }
  });

  it('never lets decided or expired candidates take a decision', () => {
    const closed = CANDIDATE_STATUSES.filter((status) => status !== 'pending' && status !== 'uncertain');
    for (const status of closed) {
      for (const act of ACT_TYPES.filter((type) => type !== 'reopen')) {
        expect(canTransition(status, act)).toBe(false);
      }
    }
    expect(canTransition('pending', 'reopen')).toBe(false);
  });
});
