import { ReplayCache } from './replay-cache';

it('accepts a token once, an onward token as often as it says, and forgets a token once it has expired', () => {
  let now = 1000;
  const cache = new ReplayCache(10, () => now);
  expect(cache.use('a', 2000)).toBe(true);
  expect(cache.use('a', 2000)).toBe(false);
  expect([cache.use('b', 2000, 2), cache.use('b', 2000, 2), cache.use('b', 2000, 2)]).toEqual([true, true, false]);
  now = 2000; // expired: the token itself is refused by its exp, the entry is only dropped
  expect(cache.use('a', 3000)).toBe(true);
});

it('stays within its bound: expired entries go first, then the oldest', () => {
  let now = 0;
  const cache = new ReplayCache(3, () => now);
  cache.use('old', 10);
  cache.use('x', 100);
  cache.use('y', 100);
  now = 50;
  cache.use('z', 100);
  expect(cache.size).toBe(3);
  expect(cache.use('x', 100)).toBe(false);
  cache.use('w', 100);
  expect(cache.size).toBe(3);
  expect(cache.use('y', 100)).toBe(false);
});

it('drops expired tokens as it goes, so that a minute of requests is all it holds', () => {
  let now = 0;
  const cache = new ReplayCache(1_000_000, () => now);
  for (let second = 0; second < 180; second++) {
    now = second * 1000;
    for (let i = 0; i < 100; i++) cache.use(`t${second}-${i}`, now + 60_000);
  }
  // 100 tokens a second, each good for 60 s: the last minute's 6,000, not three minutes' 18,000.
  expect(cache.size).toBe(6000);
  expect(cache.use('t179-0', now + 60_000)).toBe(false);
});
