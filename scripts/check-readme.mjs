// Keeps README.md's inputs and outputs tables in step with action.yml.
//   node scripts/check-readme.mjs          fails (exit 1) when the tables differ from action.yml
//   node scripts/check-readme.mjs --write  rewrites the tables between their markers
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, readActionMetadata } from '../test/emulator/runner.mjs';

const cell = (text) => String(text).replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** The markdown tables action.yml implies. */
export function renderTables(meta = readActionMetadata()) {
  const inputs = [
    '| input | required | default | description |',
    '|---|---|---|---|',
    ...meta.inputs.map((i) => `| \`${i.name}\` | ${i.required ? 'yes' : 'no'} | ${i.default === undefined || i.default === '' ? '' : `\`${cell(i.default)}\``} | ${cell(i.description)} |`),
  ].join('\n');
  const outputs = [
    '| output | description |',
    '|---|---|',
    ...meta.outputs.map((o) => `| \`${o.name}\` | ${cell(o.description)} |`),
  ].join('\n');
  return { inputs, outputs };
}

const MARKERS = {
  inputs: ['<!-- inputs:start (generated from action.yml by npm run check-readme -- --write) -->', '<!-- inputs:end -->'],
  outputs: ['<!-- outputs:start (generated from action.yml by npm run check-readme -- --write) -->', '<!-- outputs:end -->'],
};

/** README text with its tables replaced by the ones action.yml implies. */
export function withTables(readme, tables = renderTables()) {
  let text = readme;
  for (const [name, [start, end]] of Object.entries(MARKERS)) {
    const a = text.indexOf(start);
    const b = text.indexOf(end);
    if (a < 0 || b < a) throw new Error(`README.md lacks the ${name} markers: ${start} … ${end}`);
    text = `${text.slice(0, a + start.length)}\n${tables[name]}\n${text.slice(b)}`;
  }
  return text;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const path = join(ROOT, 'README.md');
  const readme = readFileSync(path, 'utf8');
  const expected = withTables(readme);
  if (process.argv.includes('--write')) {
    writeFileSync(path, expected);
    console.log('README.md tables rewritten from action.yml');
  } else if (expected !== readme) {
    console.error('README.md inputs/outputs tables differ from action.yml: run npm run check-readme -- --write');
    process.exitCode = 1;
  } else {
    console.log('README.md tables match action.yml');
  }
}
