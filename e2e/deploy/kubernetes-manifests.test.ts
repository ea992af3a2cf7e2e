/**
 * deploy/ describes the hub for Kubernetes: a Deployment, a Service and a PodDisruptionBudget for the gateway and for
 * every subgraph @hub/topology lists, probes on the processes' health endpoints, each department with its own
 * DATABASE_URL from the Secret (created out of band: only an example is in the repository, outside the applied set),
 * a migration Job per department, NetworkPolicies, and pods the "restricted" Pod Security profile admits. Every
 * object is validated against the Kubernetes OpenAPI schemas (kubernetes-models).
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { repositoryRoot } from '@hub/access';
import { GATEWAY_DEFAULT_PORT, SUBGRAPHS, subgraphUrlVariable } from '@hub/topology';

const DEPLOY = join(repositoryRoot(), 'deploy');
const VERSION = JSON.parse(readFileSync(join(repositoryRoot(), 'package.json'), 'utf8')).version as string;

function documentsIn(folder: string): Array<Record<string, any>> {
  return readdirSync(folder)
    .filter((file) => file.endsWith('.yaml'))
    .flatMap((file) =>
      parseAllDocuments(readFileSync(join(folder, file), 'utf8')).map((document) => {
        expect(document.errors).toEqual([]);
        return { file: join(folder, file), ...(document.toJS() as Record<string, any>) };
      }),
    );
}
/** What `kubectl apply -f deploy/` applies (it does not descend into folders). */
const documents = documentsIn(DEPLOY);
const jobs = documentsIn(join(DEPLOY, 'migrate'));
const examples = documentsIn(join(DEPLOY, 'examples'));
const ofKind = (kind: string, name: string) => documents.find((d) => d.kind === kind && d.metadata?.name === name);
const configMap = ofKind('ConfigMap', 'gridhub-config')!;
const secret = examples.find((d) => d.kind === 'Secret' && d.metadata.name === 'gridhub-secrets')!;
const secretKey = (prefix: string, name: string) => `${prefix}_${name.toUpperCase().replace(/-/g, '_')}`;

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
    if (!gateway) expect(fromSecret('DATABASE_URL').key).toBe(secretKey('DATABASE_URL', name));
  });

  it('runs the versioned image, never `latest`', () => {
    expect(container.image).toBe(`gridhub:${VERSION}`);
  });

  it('has a PodDisruptionBudget that keeps one pod while the others are drained', () => {
    const budget = ofKind('PodDisruptionBudget', name);
    expect(budget?.apiVersion).toBe('policy/v1');
    expect(budget!.spec.selector.matchLabels).toEqual({ 'app.kubernetes.io/name': name });
    expect(budget!.spec.minAvailable).toBeGreaterThanOrEqual(1);
    expect(budget!.spec.minAvailable).toBeLessThan(deployment!.spec.replicas);
  });

  if (!gateway) {
    it('does not migrate at start; its Job migrates as the owner and grants the runtime role', () => {
      expect(container.env).toContainEqual({ name: 'MIGRATE_ON_START', value: 'false' });
      const job = jobs.find((d) => d.kind === 'Job' && d.metadata.name === `migrate-${name}`);
      const migrator = job?.spec.template.spec.containers[0];
      expect(migrator.command).toEqual(['node', `subgraphs/${name}/dist/index.js`, '--migrate']);
      expect(migrator.image).toBe(`gridhub:${VERSION}`);
      const databaseUrl = migrator.env.find((e: any) => e.name === 'DATABASE_URL').valueFrom.secretKeyRef;
      expect(databaseUrl).toEqual({ name: 'gridhub-secrets', key: secretKey('DATABASE_OWNER_URL', name) });
      expect(secret.stringData).toHaveProperty(databaseUrl.key);
      expect(migrator.env).toContainEqual({ name: 'DATABASE_RUNTIME_ROLE', value: `gridhub_${name.replace(/-/g, '_')}` });
    });
  }

  if (!gateway) {
    it('is where the gateway looks for it', () => {
      expect(configMap.data[subgraphUrlVariable(name)]).toBe(`http://${name}:${port}/graphql`);
    });
  }
});

it('describes nothing but the gateway and the subgraphs, and applies no Secret (a real one is never overwritten)', () => {
  expect([...documents, ...jobs].filter((d) => d.kind === 'Secret')).toEqual([]);
  const deployments = documents
    .filter((d) => d.kind === 'Deployment')
    .map((d) => d.metadata.name)
    .sort();
  expect(deployments).toEqual(services.map((s) => s.name).sort());
  expect(configMap.data.NODE_ENV).toBe('production');
});

describe('every object', () => {
  const all = [...documents, ...jobs, ...examples];

  it.each(all.map((d) => [`${d.kind} ${d.metadata?.name} (${d.file.slice(DEPLOY.length + 1)})`, d]))('%s is valid against the Kubernetes schemas', (_name, document) => {
    const { file: _file, ...object } = document as Record<string, any>;
    const group = object.apiVersion.includes('/') ? object.apiVersion : `v1`;
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const model = require(`kubernetes-models/${group}/${object.kind}`)[object.kind];
    expect(() => new model(object).validate()).not.toThrow();
    expect(object.metadata.namespace ?? (object.kind === 'Namespace' ? undefined : 'missing')).toBe(object.kind === 'Namespace' ? undefined : 'gridhub');
  });

  it('rejects a broken object (the validator is not a no-op)', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { Deployment } = require('kubernetes-models/apps/v1/Deployment');
    const broken = structuredClone(ofKind('Deployment', 'gateway')!);
    delete broken.file;
    broken.spec.replicas = 'two';
    expect(() => new Deployment(broken).validate()).toThrow(/replicas must be integer/);
  });
});

describe('pods', () => {
  const pods = [...documents, ...jobs].filter((d) => d.kind === 'Deployment' || d.kind === 'Job');

  it.each(pods.map((d) => [`${d.kind} ${d.metadata.name}`, d]))('%s runs as the restricted Pod Security profile requires, with requests and limits', (_name, workload) => {
    const spec = (workload as any).spec.template.spec;
    expect(spec.securityContext).toMatchObject({ runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } });
    expect(spec.securityContext.runAsUser).toBeGreaterThan(0);
    expect(spec.automountServiceAccountToken).toBe(false);
    for (const container of spec.containers) {
      expect(container.securityContext).toEqual({ allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] } });
      expect(container.resources.requests).toEqual({ cpu: expect.any(String), memory: expect.any(String) });
      expect(container.resources.limits).toEqual({ cpu: expect.any(String), memory: expect.any(String) });
      expect(container.image).not.toMatch(/:latest$|^[^:]+$/);
    }
  });

  it('are in a namespace that enforces the restricted profile', () => {
    expect(ofKind('Namespace', 'gridhub')!.metadata.labels).toMatchObject({ 'pod-security.kubernetes.io/enforce': 'restricted' });
  });
});

describe('network policies', () => {
  const policies = documents.filter((d) => d.kind === 'NetworkPolicy');
  type Pod = { name: string; labels: Record<string, string>; port?: number };
  const labelsOf = (workload: Record<string, any>) => workload.spec.template.metadata.labels as Record<string, string>;
  const pods: Pod[] = [
    ...documents.filter((d) => d.kind === 'Deployment').map((d) => ({ name: d.metadata.name, labels: labelsOf(d), port: d.spec.template.spec.containers[0].ports[0].containerPort })),
    ...jobs.filter((d) => d.kind === 'Job').map((d) => ({ name: d.metadata.name, labels: labelsOf(d) })),
    // What the hub talks to but does not describe: each department's database and Redis, by the labels the policies name.
    ...SUBGRAPHS.map(({ name }) => ({ name: `${name}-db`, labels: { 'app.kubernetes.io/name': `${name}-db` }, port: 5432 })),
    { name: 'redis', labels: { 'app.kubernetes.io/name': 'redis' }, port: 6379 },
  ];
  const matches = (selector: { matchLabels?: Record<string, string> } | undefined, labels: Record<string, string>) =>
    Object.entries(selector?.matchLabels ?? {}).every(([key, value]) => labels[key] === value);
  const allowsPort = (rule: { ports?: Array<{ port: number }> }, port: number) => !rule.ports || rule.ports.some((p) => p.port === port);
  const selecting = (pod: Pod, type: string) => policies.filter((p) => p.spec.policyTypes.includes(type) && matches(p.spec.podSelector, pod.labels));
  /** Both sides must allow it: every pod is selected by the default deny, for ingress and egress. */
  function canReach(from: Pod, to: Pod): boolean {
    const port = to.port!;
    const out = selecting(from, 'Egress').some((p) =>
      (p.spec.egress ?? []).some((rule: any) => allowsPort(rule, port) && rule.to?.some((peer: any) => !peer.namespaceSelector && matches(peer.podSelector, to.labels))),
    );
    const into = selecting(to, 'Ingress').some((p) =>
      (p.spec.ingress ?? []).some((rule: any) => allowsPort(rule, port) && (!rule.from || rule.from.some((peer: any) => !peer.namespaceSelector && matches(peer.podSelector, from.labels)))),
    );
    return out && into;
  }

  it('deny everything by default', () => {
    const deny = policies.find((p) => p.metadata.name === 'default-deny')!;
    expect(deny.spec).toEqual({ podSelector: {}, policyTypes: ['Ingress', 'Egress'] });
  });

  it('let only the gateway reach the subgraphs (and population’s accessLog its peers, civil affairs’ 受理 population), and each subgraph only its own database', () => {
    const reached = pods.flatMap((from) => pods.filter((to) => to !== from && to.port && canReach(from, to)).map((to) => `${from.name} → ${to.name}`)).sort();
    const expected = [
      ...SUBGRAPHS.map(({ name }) => `gateway → ${name}`),
      'gateway → redis',
      ...SUBGRAPHS.filter(({ name }) => name !== 'population').map(({ name }) => `population → ${name}`),
      'civil-affairs → population',
      ...SUBGRAPHS.flatMap(({ name }) => [`${name} → ${name}-db`, `migrate-${name} → ${name}-db`]),
    ].sort();
    expect(reached).toEqual(expected);
  });

  it('let every pod resolve names and the gateway take traffic from outside', () => {
    const dns = policies.find((p) => p.metadata.name === 'dns')!;
    expect(dns.spec.podSelector).toEqual({});
    expect(dns.spec.egress[0].ports).toContainEqual({ protocol: 'UDP', port: 53 });
    const gateway = policies.find((p) => p.metadata.name === 'gateway')!;
    expect(gateway.spec.ingress).toContainEqual({ ports: [{ protocol: 'TCP', port: GATEWAY_DEFAULT_PORT }] });
  });
});

describe('the image', () => {
  const dockerfile = readFileSync(join(repositoryRoot(), 'Dockerfile'), 'utf8');

  it('builds on a Node.js LTS image pinned to an exact release, runs as a numeric non-root user', () => {
    const image = /^ARG NODE_IMAGE=(\S+)$/m.exec(dockerfile)?.[1];
    expect(image).toMatch(/^node:(\d+)\.\d+\.\d+-bookworm-slim(@sha256:[0-9a-f]{64})?$/);
    const major = Number(/^node:(\d+)/.exec(image!)![1]);
    expect(major % 2).toBe(0);
    expect(dockerfile).toMatch(/^FROM \$\{NODE_IMAGE\} AS build$/m);
    const user = [...dockerfile.matchAll(/^USER (\S+)$/gm)].at(-1)?.[1];
    expect(user).toMatch(/^[1-9]\d*:[1-9]\d*$/);
    expect(existsSync(join(repositoryRoot(), '.dockerignore'))).toBe(true);
  });
});
