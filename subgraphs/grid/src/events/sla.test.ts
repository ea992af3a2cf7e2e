import { chinaIso, deadlineFor } from '@hub/domain';
import { slaLight } from './sla';

const at = (iso: string) => new Date(iso);

describe('deadlines count in China time', () => {
  it('runs whole days to the end of that day in China, whatever the hour of dispatch', () => {
    // 16:00 in Beijing is 08:00 UTC; three days later the office's day ends at 23:59:59 Beijing time.
    expect(chinaIso(deadlineFor(at('2026-12-04T08:00:00Z'), 72))).toBe('2026-12-07T23:59:59+08:00');
    // 01:00 in Beijing on the 5th is still the 4th in UTC: the China day counts, not the server's.
    expect(chinaIso(deadlineFor(at('2026-12-04T17:00:00Z'), 24))).toBe('2026-12-06T23:59:59+08:00');
  });

  it('runs limits shorter than whole days by the hour', () => {
    expect(chinaIso(deadlineFor(at('2026-12-04T08:00:00Z'), 4))).toBe('2026-12-04T20:00:00+08:00');
    expect(deadlineFor(at('2026-12-04T08:00:00Z'), 0.004).getTime() - at('2026-12-04T08:00:00Z').getTime()).toBe(14_400);
  });
});

describe('the SLA light', () => {
  const dispatchedAt = at('2026-12-04T00:00:00Z');
  const deadline = at('2026-12-04T10:00:00Z');
  const open = { status: 'IN_PROGRESS' as const, dispatchedAt, deadline, handledAt: null };

  it('is green up to 80 % of the time, yellow after, red past the deadline', () => {
    expect(slaLight(open, at('2026-12-04T07:59:59Z'))).toBe('GREEN');
    expect(slaLight(open, at('2026-12-04T08:00:00Z'))).toBe('YELLOW');
    expect(slaLight(open, at('2026-12-04T10:00:00Z'))).toBe('YELLOW');
    expect(slaLight(open, at('2026-12-04T10:00:01Z'))).toBe('RED');
  });

  it('keeps the light a handled event had when it was handled, and has none before dispatch or once closed', () => {
    expect(slaLight({ ...open, status: 'HANDLED', handledAt: at('2026-12-04T05:00:00Z') }, at('2026-12-09T00:00:00Z'))).toBe('GREEN');
    expect(slaLight({ ...open, status: 'HANDLED', handledAt: at('2026-12-04T11:00:00Z') }, at('2026-12-04T11:00:00Z'))).toBe('RED');
    expect(slaLight({ status: 'ACCEPTED', dispatchedAt: null, deadline: null, handledAt: null })).toBeNull();
    expect(slaLight({ ...open, status: 'CLOSED' }, at('2026-12-05T00:00:00Z'))).toBeNull();
    expect(slaLight({ ...open, status: 'RETURNED' })).toBeNull();
  });
});
