/**
 * Node.js LTS: `engines` names the releases the hub runs on (20 from 20.19, 22, 24), every installed package
 * accepts the oldest of each (so `npm ci` warns of no engine on any of them), and the image runs one of them.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { minVersion, satisfies, validRange } from 'semver';
import { repositoryRoot } from '@hub/access';

const root = repositoryRoot();
const readJson = (path: string) => JSON.parse(readFileSync(join(root, path), 'utf8'));
const engines = readJson('package.json').engines.node as string;
/** The oldest release of each supported major: 20.19.0, 22.15.0, 24.0.0. */
const oldest = engines.split('||').map((range) => minVersion(range.trim())!.version);

it('engines names Node.js 20, 22 and 24, and nothing older or newer', () => {
  expect(validRange(engines)).not.toBeNull();
  expect(oldest.map((version) => Number(version.split('.')[0]))).toEqual([20, 22, 24]);
  for (const version of ['18.20.0', '20.11.0', '21.7.0', '23.11.0', '25.0.0']) expect(satisfies(version, engines)).toBe(false);
  expect(satisfies(process.version, engines)).toBe(true);
});

it('every package in the lockfile accepts the oldest release of each supported Node.js (no EBADENGINE)', () => {
  const lock = readJson('package-lock.json') as { packages: Record<string, { version?: string; engines?: unknown }> };
  const refusing = Object.entries(lock.packages).flatMap(([path, entry]) => {
    const range = (entry.engines as { node?: unknown } | undefined)?.node;
    if (typeof range !== 'string') return [];
    return oldest.filter((version) => !satisfies(version, range)).map((version) => `${path.replace(/^.*node_modules\//, '')}@${entry.version} wants node ${range}, not ${version}`);
  });
  expect(refusing).toEqual([]);
});

it('the image runs a supported Node.js', () => {
  const image = /^ARG NODE_IMAGE=node:(\d+\.\d+\.\d+)/m.exec(readFileSync(join(root, 'Dockerfile'), 'utf8'))?.[1];
  expect(satisfies(image!, engines)).toBe(true);
});
