import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { ErrorCode, HubError } from '@hub/access';

/**
 * The optional safelist (PERSISTED_OPERATIONS_PATH): a JSON object of sha256 hex → query text. A request
 * names its operation by `extensions.persistedQuery.sha256Hash` (the query text may then be left out) or
 * sends the full text, whose hash must be on the list.
 */
export class PersistedOperations {
  private readonly byHash: Map<string, string>;

  constructor(entries: Record<string, string>) {
    this.byHash = new Map();
    for (const [hash, query] of Object.entries(entries)) {
      if (typeof query !== 'string') throw new Error(`persisted operation ${hash} is not a string`);
      const actual = sha256(query);
      if (actual !== hash.toLowerCase()) throw new Error(`persisted operation ${hash} does not match its text (sha256 ${actual})`);
      this.byHash.set(actual, query);
    }
  }

  static load(path: string): PersistedOperations {
    return new PersistedOperations(JSON.parse(readFileSync(path, 'utf8')) as Record<string, string>);
  }

  get size(): number {
    return this.byHash.size;
  }

  /** The query text to run, or PERSISTED_QUERY_NOT_ALLOWED. */
  resolve(body: { query?: unknown; extensions?: unknown }): string {
    const hash = (body.extensions as { persistedQuery?: { sha256Hash?: unknown } } | undefined)?.persistedQuery?.sha256Hash;
    const key = typeof hash === 'string' ? hash.toLowerCase() : typeof body.query === 'string' ? sha256(body.query) : undefined;
    const query = key ? this.byHash.get(key) : undefined;
    if (!query || (typeof body.query === 'string' && body.query !== query)) {
      throw new HubError(ErrorCode.PERSISTED_QUERY_NOT_ALLOWED, 'Only operations on the persisted-operation safelist are accepted here; this one is not on it');
    }
    return query;
  }
}

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
