/**
 * One breaker per subgraph. After `threshold` consecutive failures it opens: calls fail at once instead of
 * each waiting out the time budget. After `cooldownMs` one trial call is let through (half-open); its success
 * closes the breaker, its failure opens it for another cooldown.
 */
export class CircuitBreaker {
  private consecutiveFailures = 0;
  private openedAt: number | undefined;
  private trialInFlight = false;

  constructor(
    readonly threshold: number,
    readonly cooldownMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  get state(): 'closed' | 'open' | 'half-open' {
    if (this.openedAt === undefined) return 'closed';
    return this.now() - this.openedAt >= this.cooldownMs ? 'half-open' : 'open';
  }

  /** True when a call may go out now; a half-open breaker lets exactly one trial call through. */
  tryAcquire(): boolean {
    const state = this.state;
    if (state === 'closed') return true;
    if (state === 'open' || this.trialInFlight) return false;
    this.trialInFlight = true;
    return true;
  }

  /** Milliseconds until an open breaker lets a trial call through. */
  retryAfterMs(): number {
    return this.openedAt === undefined ? 0 : Math.max(0, this.cooldownMs - (this.now() - this.openedAt));
  }

  succeeded(): void {
    this.consecutiveFailures = 0;
    this.openedAt = undefined;
    this.trialInFlight = false;
  }

  failed(): void {
    this.consecutiveFailures++;
    if (this.trialInFlight || this.consecutiveFailures >= this.threshold) this.openedAt = this.now();
    this.trialInFlight = false;
  }
}
