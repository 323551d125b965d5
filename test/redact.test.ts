import { describe, expect, it } from '@jest/globals';
import { createRedactor, secretForms } from '../src/redact.js';
import { percentEncode, stringToSign } from '../test/emulator/server.mjs';

const SECRET = 'a+b/c=d&e f%g~h!i*j(k)l\'m';
const TOKEN = 'CAIS+tok/en==&x y';

function everyForm(value: string): string[] {
  const once = [percentEncode(value), encodeURIComponent(value), new URLSearchParams({ v: value }).toString().slice(2)];
  const twice = once.flatMap((f) => [percentEncode(f), encodeURIComponent(f), new URLSearchParams({ v: f }).toString().slice(2)]);
  return [value, ...once, ...twice];
}

describe('createRedactor', () => {
  const redact = createRedactor([SECRET, TOKEN]);

  it.each(everyForm(SECRET).map((f) => [f]))('removes the secret in the form %p', (form) => {
    expect(redact(`before ${form} after`)).toBe('before *** after');
  });

  it.each(everyForm(TOKEN).map((f) => [f]))('removes the token in the form %p', (form) => {
    expect(redact(`x${form}y`)).not.toContain(form);
  });

  it('matches percent-escapes in lower case too', () => {
    const lower = percentEncode(TOKEN).replace(/%[0-9A-F]{2}/g, (m) => m.toLowerCase());
    expect(redact(lower)).toBe('***');
  });

  it('scrubs the gateway SignatureDoesNotMatch message, which echoes the string to sign', () => {
    const params = { AccessKeyId: 'KEYID', SecurityToken: TOKEN, Action: 'RestoreDBInstance', BackupId: '1', Signature: 'sig' };
    const message = `Specified signature is not matched with our calculation. server string to sign is:${stringToSign('POST', params)}`;
    const clean = redact(message);
    expect(clean).toContain('KEYID');
    for (const form of everyForm(TOKEN)) expect(clean).not.toContain(form);
    expect(clean).toContain('SecurityToken%3D***');
  });

  it("drops pop-core's URL suffix", () => {
    expect(redact('Specified api is not found, URL: https://mongodb.aliyuncs.com/?AccessKeyId=x&SecurityToken=y')).toBe('Specified api is not found');
  });

  it('leaves text without secrets alone and ignores empty secrets', () => {
    expect(createRedactor(['', 'zzz'])('plain text')).toBe('plain text');
  });

  it('lists distinct forms, raw first', () => {
    const forms = secretForms('a+b');
    expect(forms[0]).toBe('a+b');
    expect(new Set(forms).size).toBe(forms.length);
    expect(forms).toEqual(expect.arrayContaining(['a%2Bb', 'a%252Bb']));
  });
});
