// npm run bench [-- --write-readme]: the action's own cost, measured side by side in one run against the emulator.
// Every figure is a ratio or a count (these machines are noisy); medians over several runs.
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os, { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEmulator } from '../test/emulator/server.mjs';
import { TEST_KEYS } from '../test/emulator/seed.mjs';
import { ROOT, runAction } from '../test/emulator/runner.mjs';

const REPS = Number(process.env.BENCH_REPS ?? 7);
const LATENCY_MS = 300;

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const spread = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return { min: s[0], max: s[s.length - 1] };
};

const emulator = createEmulator({ restoringReads: 3 });
await emulator.start();
const credentials = { 'access-key-id': TEST_KEYS.plain.accessKeyId, 'access-key-secret': TEST_KEYS.plain.accessKeySecret };

async function act(inputs) {
  emulator.reset();
  const run = await runAction({ inputs: { endpoint: emulator.url, confirm: 'true', ...credentials, ...inputs } });
  if (run.code !== 0) throw new Error(`bench run failed (${run.code}):\n${run.stdout}\n${run.stderr}`);
  return { ...run, requests: [...emulator.requests], restores: [...emulator.restores] };
}

function timeNode(args) {
  const started = process.hrtime.bigint();
  return new Promise((resolve) => {
    spawn(process.execPath, args, { stdio: 'ignore' }).on('close', () => resolve(Number(process.hrtime.bigint() - started) / 1e6));
  });
}
const bareNode = () => timeNode(['-e', '0']);
// The floor any ESM action pays: Node's module loader for an empty `export {}` entry.
const emptyEsmDir = mkdtempSync(join(tmpdir(), 'bench-esm-'));
writeFileSync(join(emptyEsmDir, 'index.mjs'), 'export {};\n');
const emptyEsm = () => timeNode([join(emptyEsmDir, 'index.mjs')]);

const defaultRun = { 'instance-id': 'dds-demo0001', 'backup-id': '5021000001' };
const rows = [];
const started = Date.now();

// 1. Critical-path round trips: the same default run with instant answers and with added latency, interleaved.
const fast = [];
const slow = [];
for (let i = 0; i < REPS; i += 1) {
  emulator.latencyMs = 0;
  fast.push((await act(defaultRun)).ms);
  emulator.latencyMs = LATENCY_MS;
  slow.push((await act(defaultRun)).ms);
}
emulator.latencyMs = 0;
const roundTrips = (median(slow) - median(fast)) / LATENCY_MS;
const tripsSpread = (spread(slow).max - spread(slow).min) / LATENCY_MS;
rows.push(['critical-path round trips, default run', roundTrips.toFixed(2), '<= 2.1', roundTrips <= 2.1, `±${(tripsSpread / 2).toFixed(2)} (spread of the slow runs)`]);

// 2. Requests per run.
const plain = await act(defaultRun);
rows.push(['requests, default run', String(plain.requests.length), '3', plain.requests.length === 3, plain.requests.map((r) => r.action).join(', ')]);
const fifty = await act({ 'instance-id': 'dds-fifty01', 'backup-id': 'latest' });
const fiftyPages = fifty.requests.filter((r) => r.action === 'DescribeBackups').length;
rows.push(['`latest` over 50 backups: DescribeBackups pages', String(fiftyPages), '1', fiftyPages === 1, `${fifty.requests.length} requests in all`]);
const many = await act({ 'instance-id': 'dds-many01', 'backup-id': 'latest' });
const manyPages = many.requests.filter((r) => r.action === 'DescribeBackups').length;
rows.push(['`latest` over 121 backups: DescribeBackups pages', String(manyPages), '2', manyPages === 2, 'page size 100']);

// 3. Start-up overhead: one restore (preflight: false) against a bare `node -e 0`, paired.
const ratios = [];
const floorRatios = [];
const restoreMs = [];
const nodeMs = [];
for (let i = 0; i < REPS * 3; i += 1) {
  const n = await bareNode();
  const e = await emptyEsm();
  const r = (await act({ ...defaultRun, preflight: 'false' })).ms;
  nodeMs.push(n);
  restoreMs.push(r);
  ratios.push(r / n);
  floorRatios.push(e / n);
}
rmSync(emptyEsmDir, { recursive: true, force: true });
// Ratio of the medians of interleaved samples: steadier than the median of single-pair ratios, whose spread is
// shown as the noise.
const startup = median(restoreMs) / median(nodeMs);
rows.push(['one restore vs bare node (spawn to exit)', `${startup.toFixed(2)}x`, '<= 1.5x', startup <= 1.5, `single-pair ratios ${spread(ratios).min.toFixed(2)}-${spread(ratios).max.toFixed(2)}`]);
rows.push(['(reference) empty ESM entry vs bare node', `${median(floorRatios).toFixed(2)}x`, '', true, 'the ESM loader alone, before any action code']);

// 4. Wait lag: poll every 1 s, the instance stays Restoring for 3 reads; from the restore applied to Running seen.
const lags = [];
for (let i = 0; i < Math.min(REPS, 3); i += 1) {
  const run = await act({ ...defaultRun, wait: 'true', 'poll-interval-seconds': '1' });
  const applied = run.restores[0].at;
  const seen = run.requests.find((r) => r.answeredStatus === 'Running' && r.at > applied);
  lags.push((seen.at - applied) / 1000);
}
const lag = median(lags);
rows.push(['wait lag, 3 Restoring polls at 1 s', `${lag.toFixed(2)} s`, '<= 3.5 s', lag <= 3.5, `runs: ${lags.map((l) => l.toFixed(2)).join(', ')}`]);

// 5. Bundle size.
const distFiles = readdirSync(join(ROOT, 'dist')).filter((f) => f.endsWith('.js'));
const mainSize = statSync(join(ROOT, 'dist', 'index.js')).size;
const allSize = distFiles.reduce((sum, f) => sum + statSync(join(ROOT, 'dist', f)).size, 0);
rows.push(['dist/index.js', `${(mainSize / 1e6).toFixed(2)} MB`, '<= 2 MB', mainSize <= 2e6, `all chunks ${(allSize / 1e6).toFixed(2)} MB in ${distFiles.length} file${distFiles.length === 1 ? "" : "s"}`]);

await emulator.stop();

const heading = `\`npm run bench\` on ${new Date().toISOString().slice(0, 10)}, Node ${process.version}, ${os.cpus().length} cores; ${REPS} runs each (start-up: ${REPS * 3} pairs), medians; took ${((Date.now() - started) / 1000).toFixed(0)} s.`;
const table = [
  '| measure | this project | target | met | notes |',
  '|---|---|---|---|---|',
  ...rows.map(([name, value, target, met, note]) => `| ${name} | ${value} | ${target || '-'} | ${target ? (met ? 'yes' : 'NO') : '-'} | ${note} |`),
].join('\n');
console.log(`\n${heading}\n\n${table}`);
if (process.argv.includes('--write-readme')) {
  const path = join(ROOT, 'README.md');
  const readme = readFileSync(path, 'utf8');
  const start = '<!-- bench:start -->';
  const end = '<!-- bench:end -->';
  if (!readme.includes(start) || !readme.includes(end)) throw new Error('README.md lacks the bench markers');
  writeFileSync(path, `${readme.slice(0, readme.indexOf(start) + start.length)}\n${heading}\n\n${table}\n${readme.slice(readme.indexOf(end))}`);
  console.log('\nREADME.md Performance table updated.');
}
console.log(`\nraw medians: default run ${median(fast).toFixed(0)} ms instant / ${median(slow).toFixed(0)} ms at +${LATENCY_MS} ms; `
  + `restore-only ${median(restoreMs).toFixed(0)} ms vs bare node ${median(nodeMs).toFixed(0)} ms`);
if (rows.some((r) => !r[3])) process.exitCode = 1;
