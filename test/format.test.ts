import { describe, expect, it } from '@jest/globals';
import { duration, humanBytes } from '../src/format.js';

describe('humanBytes', () => {
  it.each([[undefined, 'unknown size'], [0, '0 B'], [1023, '1023 B'], [1536, '1.5 KiB'], [734003200, '700.0 MiB'], [5 * 1024 ** 4, '5.0 TiB']])('%p -> %p', (n, s) => {
    expect(humanBytes(n)).toBe(s);
  });
});

describe('duration', () => {
  it.each([[0, '0s'], [59_400, '59s'], [83_000, '1m 23s'], [3_600_000, '60m 00s']])('%p -> %p', (ms, s) => expect(duration(ms)).toBe(s));
});
