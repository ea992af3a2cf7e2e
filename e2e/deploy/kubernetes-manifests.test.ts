/**
 * deploy/ describes the hub for Kubernetes: a Deployment and a Service for the gateway and for every subgraph
 * @hub/topology lists, probes on the processes' health endpoints and on the port they listen on, each department
 * with its own DATABASE_URL from the Secret, and the gateway pointed at every department's Service.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { repositoryRoot } from '@hub/access';
import { GATEWAY_DEFAULT_PORT, SUBGRAPHS, subgraphUrlVariable } from '@hub/topology';

const DEPLOY = join(repositoryRoot(), 'deploy');
const documents = readdirSync(DEPLOY)
  .filter((file) => file.endsWith('.yaml'))
  .flatMap((file) =>
    parseAllDocuments(readFileSync(join(DEPLOY, file), 'utf8')).map((document) => {
      expect(document.errors).toEqual([]);
      return document.toJS() as Record<string, any>;
    }),
  );
const ofKind = (kind: string, name: string) => documents.find((d) => d.kind === kind && d.metadata?.name === name);
const configMap = ofKind('ConfigMap', 'gridhub-config')!;
const secret = ofKind('Secret', 'gridhub-secrets')!;

const services = [...SUBGRAPHS.map(({ name, port }) => ({ name, port, gateway: false })), { name: 'gateway', port: GATEWAY_DEFAULT_PORT, gateway: true }];

describe.each(services)('$name', ({ name, port, gateway }) => {
  const deployment = ofKind('Deployment', name);
  const container = deployment?.spec.template.spec.containers[0];

  it('has a Deployment running its entry point on its port, with the shared config', () => {
    expect(deployment).toBeDefined();
    expect(deployment!.spec.selector.matchLabels).toEqual({ 'app.kubernetes.io/name': name });
    expect(deployment!.spec.template.metadata.labels).toMatchObject({ 'app.kubernetes.io/name': name });
    expect(container.command.join(' ')).toContain(gateway ? 'gateway/dist/index.js' : `subgraphs/${name}/dist/index.js`);
    expect(container.ports).toContainEqual({ name: 'http', containerPort: port });
    expect(container.env).toContainEqual({ name: 'PORT', value: String(port) });
    expect(container.envFrom).toContainEqual({ configMapRef: { name: 'gridhub-config' } });
  });

  it('has readiness and liveness probes on its health endpoints and its port', () => {
    for (const probe of [container.readinessProbe, container.livenessProbe]) {
      expect(probe.httpGet.path).toMatch(/^\/health(\/live)?$/);
      expect(probe.httpGet.port).toBe('http');
    }
    // A subgraph takes no traffic while its database is down; only the process decides liveness.
    if (!gateway) expect(container.readinessProbe.httpGet.path).toBe('/health');
    expect(container.livenessProbe.httpGet.path).toBe('/health/live');
  });

  it('has a Service on the same port', () => {
    const service = ofKind('Service', name);
    expect(service?.spec.selector).toEqual({ 'app.kubernetes.io/name': name });
    expect(service?.spec.ports).toContainEqual({ name: 'http', port, targetPort: 'http' });
  });

  it('takes its secrets from the Secret', () => {
    const fromSecret = (variable: string) => container.env.find((e: any) => e.name === variable)?.valueFrom?.secretKeyRef;
    const needed = gateway ? ['USER_JWT_PUBLIC_KEY', 'INTERNAL_TOKEN_PRIVATE_KEY'] : ['DATABASE_URL', 'INTERNAL_TOKEN_PUBLIC_KEY', 'PERSON_ID_SECRET'];
    for (const variable of needed) {
      const ref = fromSecret(variable);
      expect(ref?.name).toBe('gridhub-secrets');
      expect(secret.stringData).toHaveProperty(ref.key);
    }
    if (!gateway) expect(fromSecret('DATABASE_URL').key).toBe(`DATABASE_URL_${name.toUpperCase().replace(/-/g, '_')}`);
  });

  if (!gateway) {
    it('is where the gateway looks for it', () => {
      expect(configMap.data[subgraphUrlVariable(name)]).toBe(`http://${name}:${port}/graphql`);
    });
  }
});

it('describes nothing but the gateway and the subgraphs', () => {
  const deployments = documents
    .filter((d) => d.kind === 'Deployment')
    .map((d) => d.metadata.name)
    .sort();
  expect(deployments).toEqual(services.map((s) => s.name).sort());
  expect(configMap.data.NODE_ENV).toBe('production');
});
