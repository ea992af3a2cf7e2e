/**
 * Population's budget of look-ups by ID number, a token bucket per user (JWT `sub`): `perMinute` look-ups a minute on
 * average, bursts up to `perMinute`, counted by this process (the gateway's request limit is its own, shared through Redis).
 * Buckets that have refilled are forgotten, so the map holds only users active within the last minute.
 */
export class LookupBudget {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();
  private lastSweep: number;

  constructor(
    readonly perMinute: number,
    private readonly now: () => number = Date.now,
  ) {
    this.lastSweep = now();
  }

  /** 0 when the request may go ahead (and takes a token), else the milliseconds until one is available. */
  take(user: string): number {
    if (this.perMinute <= 0) return 0;
    const now = this.now();
    this.sweep(now);
    const perMs = this.perMinute / 60_000;
    const bucket = this.buckets.get(user) ?? { tokens: this.perMinute, at: now };
    bucket.tokens = Math.min(this.perMinute, bucket.tokens + (now - bucket.at) * perMs);
    bucket.at = now;
    this.buckets.set(user, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return 0;
    }
    return Math.ceil((1 - bucket.tokens) / perMs);
  }

  private sweep(now: number): void {
    if (now - this.lastSweep < 60_000) return;
    this.lastSweep = now;
    for (const [user, bucket] of this.buckets) if (now - bucket.at >= 60_000) this.buckets.delete(user);
  }
}
