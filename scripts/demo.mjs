// npm run demo: a real restore against the local emulator, run through the bundled action exactly as a runner would.
import { createEmulator } from '../test/emulator/server.mjs';
import { TEST_KEYS } from '../test/emulator/seed.mjs';
import { runAction } from '../test/emulator/runner.mjs';

const emulator = createEmulator({ restoringReads: 2 });
const url = await emulator.start();
console.log(`Dds emulator on ${url}; restoring dds-demo0001 from its latest successful backup and waiting for it.\n`);
try {
  const result = await runAction({
    inputs: {
      'instance-id': 'dds-demo0001',
      'backup-id': 'latest',
      confirm: 'true',
      'require-tag': 'env=staging',
      endpoint: url,
      'access-key-id': TEST_KEYS.plain.accessKeyId,
      'access-key-secret': TEST_KEYS.plain.accessKeySecret,
      wait: 'true',
      'poll-interval-seconds': '1',
    },
  });
  // The runner consumes ::add-mask:: commands and never shows them; neither does the demo.
  const lines = result.stdout.split('\n');
  const masks = lines.filter((l) => l.startsWith('::add-mask::')).length;
  console.log(`The action's log (${masks} ::add-mask:: commands for the secret hidden, as the runner hides them):`);
  process.stdout.write(lines.filter((l) => !l.startsWith('::add-mask::')).map((l) => `  | ${l}`).join('\n'));
  console.log('\nOutputs:');
  for (const [name, value] of Object.entries(result.outputs)) console.log(`  ${name} = ${value}`);
  console.log(`\nThe emulator saw ${emulator.requests.length} requests: ${emulator.requests.map((r) => r.action).join(', ')}`);
  console.log(`Restores applied: ${emulator.restores.map((r) => `${r.instanceId} <- backup ${r.backupId}`).join('; ') || 'none'}`);
  if (result.code !== 0 || !result.outputs['request-id']) {
    console.error(`\nThe demo failed (exit ${result.code}).\n${result.stderr}`);
    process.exitCode = 1;
  } else {
    console.log(`\nRestore accepted: request id ${result.outputs['request-id']}. Exit code ${result.code}.`);
  }
} finally {
  await emulator.stop();
}
