import type { PostgresServer } from '@hub/db';

export default async function globalTeardown(): Promise<void> {
  const server = (globalThis as Record<string, unknown>).__gridhubPostgres as PostgresServer | undefined;
  if (server?.owned) await server.stop();
}
