/**
 * The internal tokens a subgraph has accepted, each until it expires: a second use of a token is refused (an onward
 * token allows the number of calls it names). Tokens live a minute (INTERNAL_TOKEN_TTL_SECONDS) and are kept in the
 * order they arrived, which with one lifetime for every token is the order they expire: each use first drops the
 * expired ones from the front (a few at a time, never a scan of the whole cache), so the cache holds about a
 * minute of requests. Past `maxEntries` of unexpired tokens the oldest is dropped — the one nearest to expiry.
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
    const now = this.now();
    this.dropExpired(now);
    const known = this.entries.get(tokenId);
    if (known && known.expiresAtMs > now) {
      if (known.usesLeft <= 0) return false;
      known.usesLeft--;
      return true;
    }
    if (known) this.entries.delete(tokenId);
    while (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(tokenId, { usesLeft: uses - 1, expiresAtMs });
    return true;
  }

  /** The expired entries at the front; stops at the first that is still valid. */
  private dropExpired(now: number): void {
    for (const [id, entry] of this.entries) {
      if (entry.expiresAtMs > now) return;
      this.entries.delete(id);
    }
  }
}
