/**
 * The internal tokens a subgraph has accepted, each until it expires: a second use of a token is refused (an onward
 * token allows the number of calls it names). Tokens live a minute (INTERNAL_TOKEN_TTL_SECONDS), so the cache
 * holds about a minute of requests; past `maxEntries` the expired entries are dropped, then the oldest — which,
 * with one lifetime for every token, are the nearest to expiry.
 */
export class ReplayCache {
  private readonly entries = new Map<string, { usesLeft: number; expiresAtMs: number }>();

  constructor(
    readonly maxEntries = 100_000,
    private readonly now: () => number = Date.now,
  ) {}

  get size(): number {
    return this.entries.size;
  }

  /** Records one use of the token; false when it has none left (a replay). */
  use(tokenId: string, expiresAtMs: number, uses = 1): boolean {
    const known = this.entries.get(tokenId);
    if (known && known.expiresAtMs > this.now()) {
      if (known.usesLeft <= 0) return false;
      known.usesLeft--;
      return true;
    }
    if (known) this.entries.delete(tokenId);
    if (this.entries.size >= this.maxEntries) this.makeRoom();
    this.entries.set(tokenId, { usesLeft: uses - 1, expiresAtMs });
    return true;
  }

  private makeRoom(): void {
    const now = this.now();
    for (const [id, entry] of this.entries) if (entry.expiresAtMs <= now) this.entries.delete(id);
    while (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
  }
}
