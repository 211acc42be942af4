import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { meseta } from '@meseta/proto/gen/meseta';
import { API_VERSION, masterVersionFrom, packageVersion, versionText } from '../../cli/version-info';

const PROTO_DIR = path.join(__dirname, '..', '..', 'proto', 'meseta', API_VERSION);

describe('API_VERSION', () => {
  it('is the version of the protobuf package every .proto file declares (or a package inside it: meseta.v1.executor)', () => {
    const files = fs.readdirSync(PROTO_DIR).filter((f) => f.endsWith('.proto'));
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      expect(fs.readFileSync(path.join(PROTO_DIR, file), 'utf8')).toMatch(new RegExp(`^package meseta\\.${API_VERSION}(\\.[a-z]+)?;$`, 'm'));
    }
  });

  it('names the namespace of the generated code', () => {
    expect(Object.keys(meseta)).toEqual([API_VERSION]);
  });
});

describe('packageVersion', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'meseta-version-'));
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

  it('is the version of this repository\'s package.json', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8')) as { version: string };
    expect(packageVersion()).toBe(pkg.version);
  });

  it.each<[string, Record<string, unknown> | undefined, string]>([
    ['reads a package named meseta two folders up', { name: 'meseta', version: '1.2.3' }, '1.2.3'],
    ['reads a scoped @meseta package', { name: '@meseta/cli', version: '2.0.0' }, '2.0.0'],
    ['ignores a package of another name', { name: 'other', version: '9.9.9' }, 'unknown'],
    ['says unknown when there is no package.json', undefined, 'unknown'],
  ])('%s', (name, pkg, expected) => {
    const dir = path.join(root, name.replace(/\W+/g, '-'));
    fs.mkdirSync(path.join(dir, 'dist', 'cli'), { recursive: true });
    if (pkg) fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify(pkg));
    expect(packageVersion(path.join(dir, 'dist', 'cli'))).toBe(expected);
  });
});

describe('what meseta version prints', () => {
  it.each<[string, Parameters<typeof versionText>[0], string]>([
    ['this program and its API', { meseta: '0.1.0', api: 'v1' }, 'meseta 0.1.0, API v1\n'],
    [
      'and the master when asked',
      { meseta: '0.1.0', api: 'v1', master: { address: '127.0.0.1:5050', version: '0.2.0' } },
      'meseta 0.1.0, API v1\nmaster 127.0.0.1:5050: meseta 0.2.0\n',
    ],
  ])('%s', (_name, report, text) => {
    expect(versionText(report)).toBe(text);
  });

  it.each<[string, unknown, string]>([
    ['a body without version', {}, 'its /version answer has no "version"'],
    ['an empty version', { version: '' }, 'its /version answer has no "version"'],
    ['null', null, 'its /version answer has no "version"'],
  ])('refuses %s from the master', (_name, body, message) => {
    expect(() => masterVersionFrom(body)).toThrow(message);
  });

  it('reads the master\'s version', () => {
    expect(masterVersionFrom({ version: '0.1.0' })).toBe('0.1.0');
  });
});
