import { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';

/** Where the warnings about the shared store go (the gateway's logger). */
export interface RateLimitLog {
  warn(fields: object, message: string): void;
  info(fields: object, message: string): void;
}

export interface RateLimiterOptions {
  /** Requests a minute for each key; 0 turns the limit off. */
  perMinute: number;
  /** One Redis shared by every gateway replica (REDIS_URL); without it each process counts alone. */
  redis?: Redis;
  /** Keeps the counts of two limits (or two deployments on one Redis) apart. */
  keyPrefix: string;
}

/**
 * `perMinute` requests a minute per key (a user's `sub`, or a client address), in fixed one-minute windows,
 * by rate-limiter-flexible. With Redis every replica spends from the same budget; when Redis cannot answer
 * (down, not yet connected, slower than its command timeout) the request is counted by this process alone —
 * an outage of Redis loosens the limit to one budget per replica rather than refusing every request.
 */
export class RateLimiter {
  readonly perMinute: number;
  private readonly limiter: RateLimiterAbstract | undefined;

  constructor({ perMinute, redis, keyPrefix }: RateLimiterOptions) {
    this.perMinute = perMinute;
    if (perMinute <= 0) return;
    const options = { points: perMinute, duration: 60, keyPrefix };
    this.limiter = redis ? new RateLimiterRedis({ ...options, storeClient: redis, rejectIfRedisNotReady: true, insuranceLimiter: new RateLimiterMemory(options) }) : new RateLimiterMemory(options);
  }

  /** 0 when the request may go ahead (and spends one from the key's budget), else the milliseconds until the budget is refilled. */
  async take(key: string): Promise<number> {
    if (!this.limiter) return 0;
    try {
      await this.limiter.consume(key);
      return 0;
    } catch (refusal) {
      if (refusal instanceof RateLimiterRes) return Math.max(1, refusal.msBeforeNext);
      throw refusal;
    }
  }
}

/**
 * The client for REDIS_URL. Commands fail at once while it is disconnected (no offline queue) and after 500 ms
 * when it hangs, so a Redis outage costs a request nothing; it reconnects by itself. The outage and the
 * recovery are logged once each.
 */
export function connectRedis(url: string, log: RateLimitLog): Redis {
  const redis = new Redis(url, { enableOfflineQueue: false, maxRetriesPerRequest: 0, commandTimeout: 500, connectTimeout: 2000, retryStrategy: (times) => Math.min(times * 200, 2000) });
  let down = false;
  redis.on('error', (error: Error) => {
    if (down) return;
    down = true;
    log.warn({ error: error.message }, 'Redis unreachable: rate limits are counted by each gateway process until it is back');
  });
  redis.on('ready', () => {
    if (down) log.info({}, 'Redis is back: rate limits are shared by the gateway replicas again');
    down = false;
  });
  return redis;
}

/** Resolves once the client is ready or `ms` have passed, whichever is first: a gateway does not wait on Redis to start. */
export function readyOrLater(redis: Redis, ms: number): Promise<void> {
  if (redis.status === 'ready') return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      redis.off('ready', done);
      resolve();
    }
    redis.once('ready', done);
  });
}
