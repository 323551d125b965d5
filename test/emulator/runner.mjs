// Runs the bundled action the way a GitHub runner does: inputs as INPUT_* variables with action.yml's defaults
// applied, a GITHUB_OUTPUT file, a GITHUB_STEP_SUMMARY file, and a fresh node process.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const ACTION_ENTRY = join(ROOT, 'dist', 'index.js');

/**
 * Reads action.yml's inputs and outputs (name, description, default, required). It parses only the plain
 * two-level shape this project's action.yml keeps, so it needs no YAML library.
 */
export function readActionMetadata(path = join(ROOT, 'action.yml')) {
  const meta = { inputs: [], outputs: [] };
  let section;
  let current;
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    const top = /^(\w[\w-]*):/.exec(line);
    if (top) { section = meta[top[1]]; current = undefined; continue; }
    if (!section) continue;
    const entry = /^ {2}([\w-]+):\s*$/.exec(line);
    if (entry) { current = { name: entry[1], description: '', default: undefined, required: false }; section.push(current); continue; }
    const field = /^ {4}(description|default|required):\s*(.*)$/.exec(line);
    if (field && current) {
      let value = field[2].trim();
      if (/^'.*'$/.test(value)) value = value.slice(1, -1).replace(/''/g, "'");
      else if (/^".*"$/.test(value)) value = value.slice(1, -1);
      current[field[1]] = field[1] === 'required' ? value === 'true' : value;
    }
  }
  return meta;
}

/** The env a runner gives the action for these inputs (undefined values are left out, as unset inputs are). */
export function inputEnv(inputs) {
  const env = {};
  const { inputs: declared } = readActionMetadata();
  for (const input of declared) {
    if (input.default !== undefined) env[`INPUT_${input.name.replace(/ /g, '_').toUpperCase()}`] = input.default;
  }
  for (const [name, value] of Object.entries(inputs)) {
    if (value !== undefined) env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] = String(value);
  }
  return env;
}

/** Parses a GITHUB_OUTPUT file (name<<delimiter ... delimiter). */
export function parseOutputs(text) {
  const outputs = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i += 1) {
    const heredoc = /^([^=<]+)<<(.+)$/.exec(lines[i]);
    if (heredoc) {
      const value = [];
      for (i += 1; i < lines.length && lines[i] !== heredoc[2]; i += 1) value.push(lines[i]);
      outputs[heredoc[1]] = value.join('\n');
    } else if (lines[i].includes('=')) {
      outputs[lines[i].slice(0, lines[i].indexOf('='))] = lines[i].slice(lines[i].indexOf('=') + 1);
    }
  }
  return outputs;
}

/** Environment variables that would leak into the action from the developer's shell and change its behaviour. */
const SCRUBBED = /^(INPUT_|GITHUB_|RUNNER_|ALIBABA_CLOUD_|ALIBABACLOUD_|ALICLOUD_|HTTPS?_PROXY$|NO_PROXY$|https?_proxy$|no_proxy$|DEBUG$)/;

/**
 * Spawns `node dist/index.js` with the inputs, resolving to { code, stdout, stderr, outputs, summary, ms }.
 * `env` adds or overrides variables; `timeoutMs` kills a run that hangs.
 */
export function runAction({ inputs = {}, env = {}, entry = ACTION_ENTRY, timeoutMs = 120_000, nodeArgs = [] } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'restore-action-'));
  const outputFile = join(dir, 'output');
  const summaryFile = join(dir, 'summary');
  writeFileSync(outputFile, '');
  writeFileSync(summaryFile, '');
  const base = Object.fromEntries(Object.entries(process.env).filter(([k]) => !SCRUBBED.test(k)));
  const childEnv = {
    ...base,
    GITHUB_OUTPUT: outputFile,
    GITHUB_STEP_SUMMARY: summaryFile,
    GITHUB_ACTIONS: 'true',
    GITHUB_ACTOR: 'octocat',
    GITHUB_EVENT_NAME: 'workflow_dispatch',
    GITHUB_REPOSITORY: 'example/staging-ops',
    GITHUB_RUN_ID: '4242',
    GITHUB_SERVER_URL: 'https://github.com',
    RUNNER_TEMP: dir,
    ...inputEnv(inputs),
    ...env,
  };
  for (const [k, v] of Object.entries(childEnv)) if (v === undefined) delete childEnv[k];
  const started = process.hrtime.bigint();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...nodeArgs, entry], { env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => { stdout += d; });
    child.stderr.on('data', (d) => { stderr += d; });
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      const outputs = parseOutputs(readFileSync(outputFile, 'utf8'));
      const summary = readFileSync(summaryFile, 'utf8');
      rmSync(dir, { recursive: true, force: true });
      resolve({ code, signal, stdout, stderr, outputs, summary, ms });
    });
  });
}
