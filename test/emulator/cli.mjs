#!/usr/bin/env node
// Starts the emulator from the command line and prints its URL, e.g. for a CI job that runs `uses: ./` against it.
import { createEmulator } from './server.mjs';
import { TEST_KEYS } from './seed.mjs';

const USAGE = `usage: node test/emulator/cli.mjs [options]
  --port N             listen on this port (default: any free port)
  --restoring-reads N  reads that still see Restoring after a restore (default 2)
  --latency-ms N       delay every answer by N ms (default 0)
  --max-rps N          answer Throttling.User past N requests a second (default: no limit)
  --withdrawn          answer RestoreDBInstance with InvalidAction.NotFound
Control while it runs: GET /__emulator/state, POST /__emulator/faults {"kind": ...}, POST /__emulator/reset`;

const args = process.argv.slice(2);
if (args.includes('--help') || args.includes('-h')) {
  console.log(USAGE);
  process.exit(0);
}
const option = (name, fallback) => {
  const i = args.indexOf(name);
  if (i < 0) return fallback;
  const value = Number(args[i + 1]);
  if (!Number.isInteger(value) || value < 0) {
    console.error(`${name} needs a whole number (got "${args[i + 1] ?? ''}")\n${USAGE}`);
    process.exit(2);
  }
  return value;
};

const emulator = createEmulator({
  restoringReads: option('--restoring-reads', 2),
  latencyMs: option('--latency-ms', 0),
  maxRequestsPerSecond: option('--max-rps', 0),
  withdrawn: args.includes('--withdrawn'),
});
const url = await emulator.start(option('--port', 0));
console.log(url);
console.error(`Dds emulator listening on ${url}`);
console.error(`test key id: ${TEST_KEYS.plain.accessKeyId} (its secret is in test/emulator/seed.mjs)`);
console.error('instances: ' + [...emulator.instances.keys()].join(', '));
const stop = () => emulator.stop().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
