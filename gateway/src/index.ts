import './tracing';
import { ConfigError, loadConfig, type GatewayConfig } from './config';
import { log } from './logger';
import { startGateway } from './server';
import { stopOnSignals } from '@hub/http';
import { missingProductionSecrets, productionSecretsRefusal } from '@hub/access';

export { createGateway, startGateway, type RunningGateway, type Gateway } from './server';
export { loadConfig, ConfigError, type GatewayConfig } from './config';
export { authenticate, loadAuthKeys, requestIdFrom, type GatewayContext, type AuthKeys } from './auth';

/** `node gateway/dist/index.js`: validated env, then the gateway; SIGINT/SIGTERM drain and exit 0. */
async function main(): Promise<void> {
  let config: GatewayConfig;
  const missing = missingProductionSecrets(process.env, 'gateway');
  if (missing.length > 0) {
    process.stderr.write(`gateway: ${productionSecretsRefusal(missing)}\n`);
    process.exit(2);
  }
  try {
    config = loadConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`gateway: ${error.message}\n`);
    process.exit(2);
  }
  const running = await startGateway(config);
  process.stdout.write(`${JSON.stringify({ level: 'info', msg: 'ready', url: running.url })}\n`);
  // The log is written asynchronously: flush it before exiting.
  stopOnSignals(
    () => running.stop(),
    (code, error) => {
      if (error) log.error({ error: String((error as Error)?.stack ?? error) }, 'stop failed');
      log.flush(() => process.exit(code));
    },
    (signal) => log.info(`${signal}: finishing in-flight requests`),
  );
}

if (require.main === module) {
  main().catch((error) => {
    process.stderr.write(`gateway: failed to start: ${error?.stack ?? error}\n`);
    process.exit(1);
  });
}
