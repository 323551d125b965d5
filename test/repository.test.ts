// The repository's promises to its users: the contract, the docs that describe it, and the workflows.
import { describe, expect, it } from '@jest/globals';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { withTables } from '../scripts/check-readme.mjs';
import { ROOT, readActionMetadata } from './emulator/runner.mjs';

const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');
const action = parse(read('action.yml')) as {
  runs: { using: string; main: string };
  branding: { icon: string; color: string };
  inputs: Record<string, { description: string; default?: string }>;
  outputs: Record<string, { description: string }>;
};
const readme = read('README.md');

describe('action.yml', () => {
  it('runs the committed bundle on node24, with branding', () => {
    expect(action.runs).toEqual({ using: 'node24', main: 'dist/index.js' });
    expect(action.branding.icon).toBeTruthy();
    expect(action.branding.color).toBeTruthy();
    expect(existsSync(join(ROOT, 'dist', 'index.js'))).toBe(true);
  });

  it('describes every input in a sentence and states its default', () => {
    for (const [name, input] of Object.entries(action.inputs)) {
      expect([name, input.description.length > 30 && /[.)]$/.test(input.description)]).toEqual([name, true]);
      if (input.default !== undefined && input.default !== '') expect([name, input.description]).toEqual([name, expect.stringContaining(`Default ${input.default}`)]);
    }
    for (const [name, output] of Object.entries(action.outputs)) expect([name, output.description.length > 30]).toEqual([name, true]);
  });

  it("agrees with the runner emulation's reading of it", () => {
    const meta = readActionMetadata();
    expect(meta.inputs.map((i) => i.name)).toEqual(Object.keys(action.inputs));
    expect(meta.outputs.map((o) => o.name)).toEqual(Object.keys(action.outputs));
    for (const i of meta.inputs) expect(i.description).toBe(action.inputs[i.name]!.description);
  });
});

describe('README.md', () => {
  it('has inputs and outputs tables that match action.yml exactly', () => {
    expect(withTables(readme)).toBe(readme);
    for (const name of [...Object.keys(action.inputs), ...Object.keys(action.outputs)]) expect(readme).toContain(`| \`${name}\` |`);
  });

  it('opens with the warning, a minimal step and the two set-up commands', () => {
    const firstScreen = readme.slice(0, readme.indexOf('## Contents'));
    expect(firstScreen).toMatch(/overwrites all data on the instance/);
    expect(firstScreen).toContain('confirm: true');
    expect(firstScreen).toContain('npm ci && npm run demo');
    expect(firstScreen).toContain('npm test');
  });

  it('has a complete workflow for each example, each valid YAML', () => {
    const blocks = [...readme.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => parse(m[1]!) as Record<string, unknown>);
    expect(blocks.length).toBeGreaterThanOrEqual(6);
    const text = readme;
    for (const needle of ['workflow_dispatch', 'schedule:', 'id-token: write', 'aliyun/configure-aliyun-credentials-action', 'matrix:', 'concurrency:', 'environment:', 'dry-run: true', 'steps.restore.outputs.status']) {
      expect([needle, text.includes(needle)]).toEqual([needle, true]);
    }
  });

  it('names the RAM actions and explains every error code the action hints at', () => {
    for (const code of ['SignatureDoesNotMatch', 'InvalidAccessKeyId.NotFound', 'Forbidden.RAM', 'NoPermission', 'InvalidDBInstanceId.NotFound', 'InvalidBackupID.NotFound', 'OperationDenied.DBInstance', 'OperationDenied.DBInstanceStatus', 'InvalidAction.NotFound', 'InvalidSecurityToken.Expired']) {
      expect([code, readme.includes(`\`${code}\``)]).toEqual([code, true]);
    }
    expect(readme).toContain('"Action": ["dds:RestoreDBInstance", "dds:DescribeBackups", "dds:DescribeDBInstanceAttribute"]');
  });
});

describe('package.json', () => {
  const pkg = JSON.parse(read('package.json')) as { type: string; engines: { node: string }; scripts: Record<string, string>; dependencies: Record<string, string> };
  it('is ESM with the scripts a contributor expects', () => {
    expect(pkg.type).toBe('module');
    expect(pkg.engines.node).toBe('>=20');
    for (const script of ['test', 'bundle', 'demo', 'lint', 'bench', 'check-readme', 'typecheck']) expect(Object.keys(pkg.scripts)).toContain(script);
  });

  it('has at most five runtime dependencies, each justified in the README', () => {
    const deps = Object.keys(pkg.dependencies);
    expect(deps.length).toBeLessThanOrEqual(5);
    const section = readme.slice(readme.indexOf('## Runtime dependencies'), readme.indexOf('## Development'));
    for (const dep of deps) expect([dep, section.includes(`\`${dep}\``)]).toEqual([dep, true]);
  });
});

describe('repository files', () => {
  it('has the files users look for', () => {
    for (const file of ['LICENSE', 'SECURITY.md', 'CHANGELOG.md', '.node-version', '.github/dependabot.yml']) expect([file, existsSync(join(ROOT, file))]).toEqual([file, true]);
    expect(read('.node-version').trim()).toBe('24');
    expect(read('LICENSE')).toMatch(/^MIT License/);
  });

  it('has workflows that parse, and CI runs the action from the repository itself', () => {
    const dir = join(ROOT, '.github', 'workflows');
    const workflows = Object.fromEntries(readdirSync(dir).map((f) => [f, parse(readFileSync(join(dir, f), 'utf8')) as { jobs: Record<string, { steps: { uses?: string }[] }> }]));
    expect(Object.keys(workflows).sort()).toEqual(['check-dist.yml', 'ci.yml', 'release.yml']);
    const ciSteps = Object.values(workflows['ci.yml']!.jobs).flatMap((j) => j.steps);
    expect(ciSteps.filter((s) => s.uses === './').length).toBeGreaterThanOrEqual(2);
    const dependabot = parse(read('.github/dependabot.yml')) as { updates: { 'package-ecosystem': string }[] };
    expect(dependabot.updates.map((u) => u['package-ecosystem']).sort()).toEqual(['github-actions', 'npm']);
  });
});
