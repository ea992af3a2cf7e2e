import { ConfigError, loadConfig, type GatewayConfig } from './config';
import { log } from './logger';
import { startGateway } from './server';

export { createGateway, startGateway, type RunningGateway, type Gateway } from './server';
export { loadConfig, ConfigError, type GatewayConfig } from './config';
export { authenticate, loadAuthKeys, requestIdFrom, type GatewayContext, type AuthKeys } from './auth';

/** `node gateway/dist/index.js`: validated env, then the gateway; SIGINT/SIGTERM drain and exit 0. */
async function main(): Promise<void> {
  let config: GatewayConfig;
  try {
    config = loadConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`gateway: ${error.message}\n`);
    process.exit(2);
  }
  const running = await startGateway(config);
  process.stdout.write(`${JSON.stringify({ level: 'info', msg: 'ready', url: running.url })}\n`);
  let stopping = false;
  // Ctrl-C reaches the whole process group and the supervisor may follow with SIGTERM: one drain is enough.
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    log.info(`${signal}: finishing in-flight requests`);
    // The log is written asynchronously: flush it before exiting.
    running.stop().then(
      () => log.flush(() => process.exit(0)),
      (error) => {
        log.error({ error: String(error?.stack ?? error) }, 'stop failed');
        log.flush(() => process.exit(1));
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

if (require.main === module) {
  main().catch((error) => {
    process.stderr.write(`gateway: failed to start: ${error?.stack ?? error}\n`);
    process.exit(1);
  });
}
