'use strict';
const os = require('node:os');
const { Client } = require('pg');

/** CPU model, cores, memory, Node and PostgreSQL versions: the facts every figure depends on. */
async function machineFacts(serverUrl) {
  const cpus = os.cpus();
  let postgres;
  const client = new Client({ connectionString: serverUrl });
  try {
    await client.connect();
    postgres = (await client.query('select version() as v')).rows[0].v;
  } finally {
    await client.end().catch(() => undefined);
  }
  return {
    cpuModel: cpus[0] ? cpus[0].model.trim() : 'unknown',
    cores: cpus.length,
    memoryGiB: Number((os.totalmem() / 2 ** 30).toFixed(1)),
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    postgres,
    loadAverageAtStart: os.loadavg().map((v) => Number(v.toFixed(2))),
  };
}

module.exports = { machineFacts };
