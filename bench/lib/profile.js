'use strict';
/*
 * Summarises a V8 .cpuprofile (node --cpu-prof): self time by function and by package, so that "where does the
 * gateway's time go" has an answer in numbers.   node bench/lib/profile.js <file.cpuprofile> [top]
 */
const fs = require('node:fs');

function packageOf(url) {
  if (!url) return '(native/gc/idle)';
  const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (m) return m[1];
  if (url.startsWith('node:')) return 'node core';
  const w = /\/(packages\/[^/]+|gateway|subgraphs\/[^/]+)\//.exec(url);
  return w ? w[1] : url;
}

function summarise(file, top = 25) {
  const profile = JSON.parse(fs.readFileSync(file, 'utf8'));
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map();
  const deltas = profile.timeDeltas;
  for (let i = 0; i < profile.samples.length; i++) self.set(profile.samples[i], (self.get(profile.samples[i]) || 0) + (deltas[i] || 0));
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  const byFunction = new Map();
  const byPackage = new Map();
  for (const [id, us] of self) {
    const { callFrame } = byId.get(id);
    const name = `${callFrame.functionName || '(anonymous)'} ${callFrame.url ? callFrame.url.replace(/^.*node_modules\//, '').replace(/^file:\/\/.*\/(gateway|packages)\//, '$1/') : ''}:${callFrame.lineNumber + 1}`;
    const idle = callFrame.functionName === '(idle)';
    byFunction.set(name, (byFunction.get(name) || 0) + us);
    const pkg = idle ? '(idle)' : callFrame.functionName === '(garbage collector)' ? '(garbage collector)' : packageOf(callFrame.url);
    byPackage.set(pkg, (byPackage.get(pkg) || 0) + us);
  }
  const idle = byPackage.get('(idle)') || 0;
  const busy = total - idle;
  const pct = (us) => Number(((us / busy) * 100).toFixed(1));
  return {
    file,
    totalS: Number((total / 1e6).toFixed(1)),
    busyS: Number((busy / 1e6).toFixed(1)),
    byPackage: [...byPackage.entries()]
      .filter(([k]) => k !== '(idle)')
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([pkg, us]) => ({ pkg, pctOfBusy: pct(us) })),
    byFunction: [...byFunction.entries()]
      .filter(([k]) => !k.startsWith('(idle)'))
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([fn, us]) => ({ fn, pctOfBusy: pct(us) })),
  };
}

if (require.main === module) {
  const result = summarise(process.argv[2], Number(process.argv[3] || 25));
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
}

module.exports = { summarise };
