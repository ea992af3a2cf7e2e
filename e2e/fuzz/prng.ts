/** mulberry32: a tiny seeded PRNG, so a failing fuzz case is reproduced by its seed (FUZZ_SEED). */
export function prng(seed: number) {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(items: readonly T[]): T => items[int(0, items.length - 1)];
  const chance = (p: number) => next() < p;
  const subset = <T>(items: readonly T[]) => items.filter(() => chance(0.35));
  return { next, int, pick, chance, subset };
}
export type Prng = ReturnType<typeof prng>;
