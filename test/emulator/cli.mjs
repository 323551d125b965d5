#!/usr/bin/env node
// Starts the emulator from the command line and prints its URL, e.g. for a CI job that runs `uses: ./` against it.
// Usage: node test/emulator/cli.mjs [--port N] [--restoring-reads N] [--latency-ms N]
import { createEmulator } from './server.mjs';
import { TEST_KEYS } from './seed.mjs';

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] !== undefined ? Number(args[i + 1]) : fallback;
};

const emulator = createEmulator({ restoringReads: option('--restoring-reads', 2), latencyMs: option('--latency-ms', 0) });
const url = await emulator.start(option('--port', 0));
console.log(url);
console.error(`Dds emulator listening on ${url}`);
console.error(`test key id: ${TEST_KEYS.plain.accessKeyId} (its secret is in test/emulator/seed.mjs)`);
console.error('instances: ' + [...emulator.instances.keys()].join(', '));
const stop = () => emulator.stop().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
