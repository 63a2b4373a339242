import { nextSlot, retryDelayMs, slotOffsetMs } from './schedule-slot';

const DAY = 86_400_000;

describe('schedule slots', () => {
  it('places the next slot within one period after now', () => {
    const now = new Date('2026-03-01T10:00:00Z');

    const slot = nextSlot('0190a7e2-0000-7000-8000-000000000001', DAY, now);

    expect(slot.getTime()).toBeGreaterThan(now.getTime());
    expect(slot.getTime() - now.getTime()).toBeLessThanOrEqual(DAY);
  });

  it('keeps the same time of day from one period to the next', () => {
    const profileId = '0190a7e2-0000-7000-8000-000000000002';
    const first = nextSlot(profileId, DAY, new Date('2026-03-01T00:00:00Z'));

    const second = nextSlot(profileId, DAY, first);

    expect(second.getTime() - first.getTime()).toBe(DAY);
  });

  it('spreads profiles over the period', () => {
    const hours = new Set<number>();
    for (let index = 0; index < 200; index += 1) {
      const id = `0190a7e2-0000-7000-8000-${String(index).padStart(12, '0')}`;
      hours.add(Math.floor(slotOffsetMs(id, DAY) / 3_600_000));
    }

    expect(hours.size).toBeGreaterThan(20);
  });

  it('doubles the retry delay up to the maximum', () => {
    expect(retryDelayMs(1, 1000, 60_000)).toBe(1000);
    expect(retryDelayMs(3, 1000, 60_000)).toBe(4000);
    expect(retryDelayMs(40, 1000, 60_000)).toBe(60_000);
  });
});
