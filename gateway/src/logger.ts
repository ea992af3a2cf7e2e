import pino from 'pino';

/**
 * JSON lines on stderr (stdout carries only the `ready` line the supervisor and tests read).
 * LOG_LEVEL picks the level (default info).
 */
export const log = pino({ base: { service: 'gateway' }, level: process.env.LOG_LEVEL?.trim() || 'info', timestamp: pino.stdTimeFunctions.isoTime }, pino.destination({ fd: 2, sync: true }));
