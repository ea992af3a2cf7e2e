import { execFile, execFileSync } from 'node:child_process';
import { createServer } from 'node:http';
import { promisify } from 'node:util';
import { tracingRequested } from './index';

/** `startTracing` in a fresh Node process with only `env` (and PATH): what it answered, and whether the SDK was loaded. */
function startTracingWith(env: NodeJS.ProcessEnv): { state: string; sdkLoaded: boolean } {
  const script = `
    const state = require(${JSON.stringify(require.resolve('@hub/tracing'))}).startTracing('gridhub-test');
    const sdkLoaded = Object.keys(require.cache).some((file) => file.includes('@opentelemetry/sdk-node'));
    process.stdout.write(JSON.stringify({ state, sdkLoaded }));`;
  return JSON.parse(execFileSync(process.execPath, ['-e', script], { env: { PATH: process.env.PATH, ...env }, encoding: 'utf8' })) as { state: string; sdkLoaded: boolean };
}

describe('tracing is off unless the standard variables ask for it', () => {
  it('without OTEL_* variables: off, and the SDK is never loaded', () => {
    expect(startTracingWith({})).toEqual({ state: 'off', sdkLoaded: false });
  });

  it('with an exporter named: on, the SDK started', () => {
    expect(startTracingWith({ OTEL_TRACES_EXPORTER: 'console' })).toEqual({ state: 'on', sdkLoaded: true });
  });

  it.each([
    ['an OTLP endpoint', { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' }],
    ['an OTLP endpoint for traces', { OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://collector:4318/v1/traces' }],
    ['the OTLP exporter named', { OTEL_TRACES_EXPORTER: 'otlp' }],
    ['two exporters named', { OTEL_TRACES_EXPORTER: ' otlp , console' }],
  ])('on with %s', (_, env) => {
    expect(tracingRequested(env)).toBe(true);
  });

  it.each([
    ['nothing set', {}],
    ['empty values', { OTEL_TRACES_EXPORTER: ' ', OTEL_EXPORTER_OTLP_ENDPOINT: '' }],
    ['the exporter `none`, whatever the endpoint', { OTEL_TRACES_EXPORTER: 'none', OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' }],
    ['OTEL_SDK_DISABLED=true, whatever else is set', { OTEL_SDK_DISABLED: 'TRUE ', OTEL_TRACES_EXPORTER: 'otlp', OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' }],
    ['only settings that name no destination', { OTEL_SERVICE_NAME: 'gridhub-gateway', OTEL_BSP_SCHEDULE_DELAY: '1000' }],
  ])('off with %s', (_, env) => {
    expect(tracingRequested(env)).toBe(false);
  });
});

describe('a query string in a span', () => {
  it('shows the names of its parameters, never their values (an internal route takes a person’s id there)', async () => {
    const exports: string[] = [];
    const receiver = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        exports.push(Buffer.concat(chunks).toString('utf8'));
        res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    // A process that serves a request with a query string and fetches one while serving: an incoming and an outgoing
    // span. The ids come from its environment: its command line is a resource attribute of every span it exports.
    const script = `
      const tracing = require(${JSON.stringify(require.resolve('@hub/tracing'))});
      tracing.startTracing('gridhub-test');
      const { createServer } = require('node:http');
      const server = createServer(async (req, res) => {
        if (req.url.startsWith('/asked')) return res.end('ok');
        await (await fetch('http://127.0.0.1:' + server.address().port + '/asked?first=5&subject=' + process.env.ASKED)).text();
        res.end('ok');
      });
      server.listen(0, '127.0.0.1', async () => {
        await (await fetch('http://127.0.0.1:' + server.address().port + '/internal/access-events?subject=' + process.env.SERVED)).text();
        server.close();
        await tracing.stopTracing();
      });`;
    try {
      const { port } = receiver.address() as { port: number };
      await promisify(execFile)(process.execPath, ['-e', script], {
        env: { PATH: process.env.PATH, OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${port}`, OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json', ASKED: 'P-0000123', SERVED: 'P-0000456' },
      });
    } finally {
      receiver.close();
    }
    const exported = exports.join('\n');
    expect(exported).toContain('first=REDACTED&subject=REDACTED');
    expect(exported).toContain('subject=REDACTED"');
    expect(exported).not.toMatch(/P-0000(123|456)/);
  });
});
