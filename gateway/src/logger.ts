import pino from 'pino';

/**
 * JSON lines on stderr (stdout carries only the `ready` line the supervisor and tests read).
 * LOG_LEVEL picks the level (default info). Written asynchronously: with one line per request, a synchronous
 * write to a pipe whose reader falls behind blocks the event loop and every request waiting on it.
 */
export const log = pino({ base: { service: 'gateway' }, level: process.env.LOG_LEVEL?.trim() || 'info', timestamp: pino.stdTimeFunctions.isoTime }, pino.destination({ fd: 2, sync: false }));
