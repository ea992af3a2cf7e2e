import { createServer } from 'node:net';
import { gatewayEntry, startNodeProcess, subgraphEntry, waitForHealthy, type ManagedProcess } from '@hub/stack';
import { SUBGRAPHS, subgraphUrlVariable, type SubgraphName } from '@hub/topology';

/**
 * Ports for the test processes: each Jest worker takes its own block below Linux's ephemeral range (32768–60999).
 * A port asked of the kernel (`listen(0)`) is released before the child binds it, and another worker asking at the
 * same moment could be handed the same one: its gateway would then fail to bind while the other worker's process
 * answered the health check in its place.
 */
const PORT_BLOCK_SIZE = 1000;
const PORT_BLOCKS_START = 20_000;
// TEST_PORT_BLOCK shifts the blocks, so that two test runs on one machine (two checkouts) keep apart.
const workerBlock = ((Number(process.env.JEST_WORKER_ID) || 0) + (Number(process.env.TEST_PORT_BLOCK) || 0)) % 12;
let nextPortOffset = 0;

function canListen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/** A port nobody listens on, from this worker's own block (never handed out twice by one worker in a row). */
export async function freePort(): Promise<number> {
  for (let tries = 0; tries < PORT_BLOCK_SIZE; tries++) {
    const port = PORT_BLOCKS_START + workerBlock * PORT_BLOCK_SIZE + (nextPortOffset++ % PORT_BLOCK_SIZE);
    if (await canListen(port)) return port;
  }
  throw new Error(`no free port in block ${workerBlock} (${PORT_BLOCKS_START + workerBlock * PORT_BLOCK_SIZE}+${PORT_BLOCK_SIZE})`);
}

const START_TIMEOUT_MS = 90_000;

export interface RunningHub {
  gatewayUrl: string;
  subgraphUrls: Record<SubgraphName, string>;
  processes: Map<string, ManagedProcess>;
  /** Lines each process printed, for assertions and for debugging a failed test. */
  output: Map<string, string[]>;
  /** Starts one more gateway over the same subgraphs (another replica), with `env` on top of the hub's; returns its /graphql URL. */
  addGateway(env?: NodeJS.ProcessEnv): Promise<string>;
  stop(): Promise<void>;
}

/**
 * Starts the real subgraph processes (and the gateway unless `gateway: false`) on free ports against the
 * test database. Requires the global setup (DATABASE_URL, keys, migrations).
 */
export async function startHub(options: { gateway?: boolean; subgraphs?: SubgraphName[]; env?: NodeJS.ProcessEnv } = {}): Promise<RunningHub> {
  const processes = new Map<string, ManagedProcess>();
  const output = new Map<string, string[]>();
  const record = (name: string, line: string) => {
    const lines = output.get(name) ?? [];
    lines.push(line);
    if (lines.length > 500) lines.shift();
    output.set(name, lines);
    if (process.env.HUB_TEST_VERBOSE) process.stderr.write(`[${name}] ${line}\n`);
  };
  const env = { ...process.env, NODE_ENV: 'test', ...options.env };
  const wanted = options.subgraphs ?? SUBGRAPHS.map((s) => s.name);
  const subgraphUrls = {} as Record<SubgraphName, string>;
  const stop = async () => {
    await Promise.all([...processes.values()].map((proc) => proc.stop()));
  };
  try {
    // Ports first, so every subgraph knows its peers (population's accessLog asks the others) and the gateway knows all.
    const ports = new Map(await Promise.all(wanted.map(async (name) => [name, await freePort()] as const)));
    for (const [name, port] of ports) subgraphUrls[name] = `http://127.0.0.1:${port}/graphql`;
    const urls = Object.fromEntries(Object.entries(subgraphUrls).map(([name, url]) => [subgraphUrlVariable(name), url]));
    await Promise.all(
      wanted.map(async (name) => {
        const port = ports.get(name)!;
        const proc = startNodeProcess({ name, script: subgraphEntry(name), env: { ...env, ...urls, PORT: String(port) }, output: record });
        processes.set(name, proc);
        // Generous: on a 2-core machine busy with the rest of the suite, a subgraph's start has taken over 30 s.
        await waitForHealthy(`http://127.0.0.1:${port}/health`, proc, START_TIMEOUT_MS);
      }),
    );
    let gateways = 0;
    const addGateway = async (extra: NodeJS.ProcessEnv = {}) => {
      const name = gateways++ === 0 ? 'gateway' : `gateway-${gateways}`;
      const port = await freePort();
      const proc = startNodeProcess({ name, script: gatewayEntry(), env: { ...env, ...urls, ...extra, PORT: String(port) }, output: record });
      processes.set(name, proc);
      // Liveness: a hub started with only some subgraphs is degraded on /health by design.
      await waitForHealthy(`http://127.0.0.1:${port}/health/live`, proc, START_TIMEOUT_MS);
      return `http://127.0.0.1:${port}/graphql`;
    };
    const gatewayUrl = options.gateway !== false ? await addGateway() : '';
    return { gatewayUrl, subgraphUrls, processes, output, addGateway, stop };
  } catch (error) {
    await stop();
    const logs = [...output.entries()].map(([name, lines]) => `--- ${name}\n${lines.slice(-20).join('\n')}`).join('\n');
    throw new Error(`${(error as Error).message}\n${logs}`, { cause: error });
  }
}
