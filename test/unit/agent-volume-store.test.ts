/**
 * The agent's volume directories on a real temp folder: made from the
 * master's list or a launch, found again by a new store (an agent restart),
 * removed only when destroyed and unused, never through a symbolic link;
 * bad entries are skipped and logged, never thrown.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Resource } from '@meseta/proto/wire';
import { createLogger } from '@meseta/runtime/log';
import { VolumeStore } from '../../agent/volume-store';

let workDir: string;
let outside: string;
let users: Map<string, string[]>;
let logs: string[];

beforeEach(() => {
  workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'meseta-volume-store-'));
  outside = fs.mkdtempSync(path.join(os.tmpdir(), 'meseta-volume-outside-'));
  fs.writeFileSync(path.join(outside, 'precious'), 'keep me');
  users = new Map();
  logs = [];
});
afterEach(() => {
  fs.rmSync(workDir, { recursive: true, force: true });
  fs.rmSync(outside, { recursive: true, force: true });
});

const store = () => new VolumeStore({ workDir, logger: createLogger('volumes', 'debug', (line) => logs.push(line)), usersOf: (key) => users.get(`${key.role}/${key.id}`) ?? [] });
const volume = (id: string, role = 'eng', size = 8): Resource => ({ name: 'disk', type: 0, scalar: { value: size }, reservations: [{ type: 2, role }], disk: { persistence: { id } } } as Resource);
const dir = (role: string, id: string) => path.join(workDir, 'volumes', 'roles', role.split('/').join(' '), id);

it('makes listed volumes, skips bad entries naming the field, and a new store finds them again', async () => {
  const s = store();
  await s.apply({ volumes: [volume('a'), volume('b', 'eng/backend'), volume(''), { name: 'cpus', scalar: { value: 1 } } as Resource] });
  expect(fs.statSync(dir('eng', 'a')).isDirectory()).toBe(true);
  expect(fs.statSync(dir('eng/backend', 'b')).isDirectory()).toBe(true);
  expect(logs.join('\n')).toContain('volumes.volumes[2].disk.persistence.id: required');
  expect(logs.join('\n')).toContain('volumes.volumes[3]: not a persistent volume');
  const again = store();
  await again.scan();
  expect(again.list().map((v) => [v.role, v.persistenceId, v.source]).sort()).toEqual([['eng', 'a', 'disk'], ['eng/backend', 'b', 'disk']]);
});

it('a destroy waits for the tasks using the volume, and never follows a link out of the work dir', async () => {
  const s = store();
  await s.apply({ volumes: [volume('a'), volume('linked')] });
  fs.writeFileSync(path.join(dir('eng', 'a'), 'data'), 'x');
  users.set('eng/a', ['t1']);
  await s.apply({ destroyed: [volume('a')] });
  expect(fs.existsSync(dir('eng', 'a'))).toBe(true);
  expect(s.list().find((v) => v.persistenceId === 'a')?.destroyPending).toBe(true);
  await expect(s.ensure({ role: 'eng', id: 'a', sizeMb: 8, readOnly: false })).rejects.toThrow('persistent volume "a" of role "eng" was destroyed');
  users.delete('eng/a');
  await s.retryPending();
  expect(fs.existsSync(dir('eng', 'a'))).toBe(false);

  // A volume whose directory was replaced by a link: neither made through nor removed through.
  fs.rmSync(dir('eng', 'linked'), { recursive: true });
  fs.symlinkSync(outside, dir('eng', 'linked'));
  await expect(s.ensure({ role: 'eng', id: 'linked', sizeMb: 8, readOnly: false })).rejects.toThrow('is a symbolic link');
  await s.apply({ destroyed: [volume('linked')] });
  expect(fs.readFileSync(path.join(outside, 'precious'), 'utf8')).toBe('keep me');
  expect(logs.join('\n')).toContain('could not remove a destroyed persistent volume');
});

it('a volume both listed and destroyed in one message is kept', async () => {
  const s = store();
  await s.apply({ volumes: [volume('a')], destroyed: [volume('a')] });
  expect(fs.existsSync(dir('eng', 'a'))).toBe(true);
});
