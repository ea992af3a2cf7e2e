import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';

export interface ManagedProcess {
  name: string;
  child: ChildProcess;
  /** Resolves with the exit code once the process has ended. */
  exited: Promise<number | null>;
  stop(signal?: NodeJS.Signals, graceMs?: number): Promise<void>;
}

/** Starts `node [nodeArgs] script args` with the given environment, prefixing each output line with its name. */
export function startNodeProcess(options: {
  name: string;
  script: string;
  args?: string[];
  /** Node's own options that NODE_OPTIONS may not carry (--cpu-prof). */
  nodeArgs?: string[];
  env: NodeJS.ProcessEnv;
  output?: (name: string, line: string, stream: 'stdout' | 'stderr') => void;
}): ManagedProcess {
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), options.script, ...(options.args ?? [])], { env: options.env, stdio: ['ignore', 'pipe', 'pipe'] });
  const output = options.output ?? ((name, line) => process.stderr.write(`[${name}] ${line}\n`));
  createInterface({ input: child.stdout! }).on('line', (line) => output(options.name, line, 'stdout'));
  createInterface({ input: child.stderr! }).on('line', (line) => output(options.name, line, 'stderr'));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    name: options.name,
    child,
    exited,
    async stop(signal = 'SIGTERM', graceMs = 5000) {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill(signal);
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** Runs a node script to completion; rejects with its output when it fails. */
export async function runNodeScript(options: { name: string; script: string; args?: string[]; env: NodeJS.ProcessEnv; quiet?: boolean }): Promise<void> {
  const lines: string[] = [];
  const proc = startNodeProcess({
    ...options,
    output: (name, line) => {
      lines.push(line);
      if (!options.quiet) process.stderr.write(`[${name}] ${line}\n`);
    },
  });
  const code = await proc.exited;
  if (code !== 0) throw new Error(`${options.name} failed (exit ${code}):\n${lines.slice(-30).join('\n')}`);
}

/** Polls `url` until it answers 200, the process dies, or the timeout passes. */
export async function waitForHealthy(url: string, proc: ManagedProcess | undefined, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError = '';
  while (Date.now() < deadline) {
    if (proc && (proc.child.exitCode !== null || proc.child.signalCode !== null)) {
      throw new Error(`${proc.name} exited (code ${proc.child.exitCode ?? proc.child.signalCode}) before it became healthy`);
    }
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
      if (response.ok) return;
      lastError = `HTTP ${response.status}`;
    } catch (error) {
      lastError = (error as Error).message;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${url} did not become healthy within ${timeoutMs} ms (${lastError})`);
}
