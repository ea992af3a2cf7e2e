import { startNodeProcess, waitForHealthy, type ManagedProcess } from './processes';

export interface ServiceSpec {
  name: string;
  script: string;
  env: NodeJS.ProcessEnv;
  healthUrl: string;
}

/**
 * Keeps services running: a service that exits on its own is restarted with exponential backoff
 * (1 s doubling to 30 s, reset after a minute of health). `stopAll` stops them in reverse start order.
 */
export class Supervisor {
  private readonly running = new Map<string, ManagedProcess>();
  private readonly order: ServiceSpec[] = [];
  private stopping = false;

  constructor(
    private readonly log: (line: string) => void,
    /** Where service output goes; `npm start` prefixes it with the service name on stderr. */
    private readonly output: (name: string, line: string, stream: 'stdout' | 'stderr') => void = (name, line) => process.stderr.write(`[${name}] ${line}\n`),
  ) {}

  /** The process currently running a service (a new one after each restart). */
  process(name: string): ManagedProcess | undefined {
    return this.running.get(name);
  }

  async start(spec: ServiceSpec): Promise<void> {
    this.order.push(spec);
    await this.launch(spec, 0);
  }

  private async launch(spec: ServiceSpec, failures: number): Promise<void> {
    const proc = startNodeProcess({ name: spec.name, script: spec.script, env: spec.env, output: this.output });
    this.running.set(spec.name, proc);
    const startedAt = Date.now();
    // Not awaited: `exited` resolves when the child exits, possibly much later, and never rejects; the restart catches its own failure.
    void proc.exited.then((code) => {
      if (this.stopping) return;
      const healthyFor = Date.now() - startedAt;
      const nextFailures = healthyFor > 60_000 ? 0 : failures + 1;
      const delay = Math.min(30_000, 1000 * 2 ** Math.max(0, nextFailures - 1));
      this.log(`${spec.name} exited with code ${code}; restarting in ${delay / 1000} s`);
      setTimeout(() => {
        if (!this.stopping) this.launch(spec, nextFailures).catch((error) => this.log(`${spec.name} failed to restart: ${error.message}`));
      }, delay);
    });
    await waitForHealthy(spec.healthUrl, proc, 60_000);
  }

  async stopAll(): Promise<void> {
    this.stopping = true;
    for (const spec of [...this.order].reverse()) await this.running.get(spec.name)?.stop('SIGTERM', 10_000);
  }
}
