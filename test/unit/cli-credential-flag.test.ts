/**
 * `--credential FILE` of `meseta agent` and `meseta master`: the token is
 * read from the file (alone, or as JSON); a bad file is a usage error
 * naming the flag.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { readCredentialFlag, withCredential } from '../../cli/credential-flag';
import { UsageError } from '../../cli/cli-error';

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'meseta-credential-flag-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const file = (name: string, text: string): string => {
  const p = path.join(dir, name);
  fs.writeFileSync(p, text);
  return p;
};

describe('readCredentialFlag', () => {
  it.each<[string, string, string]>([
    ['a bare token with a newline', 'tok-0123456789abcdef\n', 'tok-0123456789abcdef'],
    ['JSON with a principal', '{"principal": "agent-7", "token": "tok-json-0123456789"}', 'tok-json-0123456789'],
  ])('reads %s', (_name, text, token) => {
    expect(readCredentialFlag('--credential', file('ok', text))).toBe(token);
  });

  it.each<[string, () => string, string]>([
    ['a missing file', () => path.join(dir, 'missing'), 'cannot read "'],
    ['an empty file', () => file('empty', ''), 'must hold one token (no spaces) or { "principal", "token" }'],
    ['JSON without a token', () => file('notoken', '{"principal": "x"}'), 'token: required, a non-empty string'],
  ])('refuses %s as a usage error naming the flag', (_name, make, message) => {
    const p = make();
    expect(() => readCredentialFlag('--credential', p)).toThrow(UsageError);
    expect(() => readCredentialFlag('--credential', p)).toThrow(message);
    expect(() => readCredentialFlag('--credential', p)).toThrow(/^--credential/);
    if (_name === 'a missing file') expect(() => readCredentialFlag('--credential', p)).toThrow(`--credential: cannot read "${p}": ENOENT`);
  });
});

describe('withCredential', () => {
  it('adds the token to the TLS settings, and leaves them alone without the flag', () => {
    const p = file('tok', 'tok-0123456789abcdef');
    expect(withCredential({ ca: Buffer.from('ca') }, '--credential', p)).toEqual({ ca: Buffer.from('ca'), token: 'tok-0123456789abcdef' });
    expect(withCredential({ ca: Buffer.from('ca') }, '--credential', undefined)).toEqual({ ca: Buffer.from('ca') });
  });
});
