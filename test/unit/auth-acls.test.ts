/**
 * The ACL evaluator (a table: principal × action × object → allowed, and
 * which rule decided), the ACL file parser (bad input names the field), and
 * the ACL file's reload (a change applies; a bad change keeps the old ACLs).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createLogger } from '@meseta/runtime/log';
import { AclError, type AclAction, authorize, deniedMessage, parseAcls } from '../../master/auth/acls';
import { AclFile } from '../../master/auth/acl-file';

const acls = parseAcls(
  JSON.stringify({
    permissive: false,
    register_frameworks: [
      { principals: { values: ['web'] }, roles: { values: ['web', 'batch'] } },
      { principals: { type: 'ANY' }, roles: { values: ['*'] } },
    ],
    run_tasks: [
      { principals: { values: ['rogue'] }, users: { type: 'NONE' } },
      { principals: { type: 'ANY' }, users: { values: ['nobody', 'app'] } },
    ],
    exec_sessions: [{ principals: { values: ['ops'] }, framework_principals: { type: 'ANY' } }],
    view_frameworks: [
      { principals: { values: ['ops'] }, framework_principals: { type: 'ANY' } },
      { principals: { values: ['web-viewer'] }, framework_principals: { values: ['web'] } },
    ],
  }),
);

describe('authorize', () => {
  it.each<[string, string, AclAction, string, boolean, string]>([
    ['a principal in a role its rule names', 'web', 'register_framework', 'batch', true, 'register_frameworks[0]'],
    ['a principal in a role no rule gives it', 'web', 'register_framework', 'prod', false, 'permissive'],
    ['ANY covers every principal', 'other', 'register_framework', '*', true, 'register_frameworks[1]'],
    ['the first matching rule decides: NONE denies every user', 'rogue', 'run_task', 'nobody', false, 'run_tasks[0]'],
    ['a user in the list', 'web', 'run_task', 'app', true, 'run_tasks[1]'],
    ['a user not in the list (root)', 'web', 'run_task', 'root', false, 'permissive'],
    ['exec for the named operator', 'ops', 'exec', 'web', true, 'exec_sessions[0]'],
    ['exec for anyone else', 'web-viewer', 'exec', 'web', false, 'permissive'],
    ['a viewer sees the frameworks it is given', 'web-viewer', 'view_framework', 'web', true, 'view_frameworks[1]'],
    ['a viewer does not see others', 'web-viewer', 'view_framework', 'batch', false, 'permissive'],
    ['an action without rules falls to permissive', 'ops', 'teardown_framework', 'web', false, 'permissive'],
  ])('%s', (_name, principal, action, object, allowed, by) => {
    expect(authorize(acls, principal, action, object)).toEqual({ allowed, by });
  });

  it('is permissive by default (as Mesos)', () => {
    expect(authorize(parseAcls('{}'), 'anyone', 'exec', 'x')).toEqual({ allowed: true, by: 'permissive' });
  });

  it('names the action, the principal and the object when it refuses', () => {
    expect(deniedMessage('run_task', 'web', 'root', authorize(acls, 'web', 'run_task', 'root'))).toBe(
      'run_task: principal "web" is not allowed (user "root"; decided by permissive)',
    );
  });
});

describe('parseAcls', () => {
  it.each<[string, unknown, string]>([
    ['a list at the top', [], 'f: must be a JSON object'],
    ['permissive that is not a boolean', { permissive: 'yes' }, 'f: permissive: must be true or false'],
    ['an unknown action', { launch_tasks: [] }, 'f: launch_tasks: unknown action (known: permissive, register_frameworks,'],
    ['an action that is not a list', { run_tasks: {} }, 'f: run_tasks: must be a list of rules'],
    ['a rule without principals', { run_tasks: [{ users: { type: 'ANY' } }] }, 'f: run_tasks[0].principals: required'],
    ['a rule without objects', { run_tasks: [{ principals: { type: 'ANY' } }] }, 'f: run_tasks[0].users: required'],
    ['the wrong object field', { run_tasks: [{ principals: { type: 'ANY' }, roles: { type: 'ANY' } }] }, 'f: run_tasks[0].roles: unknown field (a run_tasks rule has principals and users)'],
    ['an unknown entity type', { run_tasks: [{ principals: { type: 'SOME' }, users: { type: 'ANY' } }] }, 'f: run_tasks[0].principals.type: "SOME" is not ANY'],
    ['NONE as subjects', { run_tasks: [{ principals: { type: 'NONE' }, users: { type: 'ANY' } }] }, 'f: run_tasks[0].principals.type: "NONE" is not ANY'],
    ['empty values', { exec_sessions: [{ principals: { values: [] }, framework_principals: { type: 'ANY' } }] }, 'f: exec_sessions[0].principals.values: required, a non-empty list of strings'],
    ['a value that is not a string', { exec_sessions: [{ principals: { values: [1] }, framework_principals: { type: 'ANY' } }] }, 'f: exec_sessions[0].principals.values[0]: must be a non-empty string'],
    ['both type and values', { exec_sessions: [{ principals: { type: 'ANY', values: ['a'] }, framework_principals: { type: 'ANY' } }] }, 'f: exec_sessions[0].principals: give type or values, not both'],
  ])('refuses %s, naming the field', (_name, doc, message) => {
    expect(() => parseAcls(JSON.stringify(doc), 'f')).toThrow(AclError);
    expect(() => parseAcls(JSON.stringify(doc), 'f')).toThrow(message);
  });

  it('refuses text that is not JSON', () => {
    expect(() => parseAcls('{', 'f')).toThrow(/^f: not JSON/);
  });
});

describe('AclFile', () => {
  let dir: string;
  let file: AclFile | undefined;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'meseta-acls-'));
  });
  afterEach(() => {
    file?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  const lines: string[] = [];
  const log = createLogger('test', 'info', (l) => lines.push(l));

  it('applies a change, and keeps the old ACLs when the new text is bad', async () => {
    const p = path.join(dir, 'acls.json');
    fs.writeFileSync(p, JSON.stringify({ exec_sessions: [{ principals: { values: ['ops'] }, framework_principals: { type: 'NONE' } }] }));
    file = new AclFile(p, log);
    expect(authorize(file.current(), 'ops', 'exec', 'web').allowed).toBe(false);
    const reloaded = new Promise<void>((resolve) => (file!.onReload = () => resolve()));
    file.watch();
    fs.writeFileSync(p + '.tmp', JSON.stringify({ exec_sessions: [{ principals: { values: ['ops'] }, framework_principals: { type: 'ANY' } }] }));
    fs.renameSync(p + '.tmp', p); // an editor's save: a new file renamed over the old
    await reloaded;
    expect(authorize(file.current(), 'ops', 'exec', 'web').allowed).toBe(true);

    fs.writeFileSync(p, '{"exec_sessions": [ {"principals": 7 } ]}');
    expect(file.reload()).toBe(false);
    expect(authorize(file.current(), 'ops', 'exec', 'web').allowed).toBe(true);
    expect(lines.some((l) => l.includes('ACL file changed but is not valid; keeping the ACLs in force') && l.includes('exec_sessions[0].framework_principals: required'))).toBe(true);
  });

  it('refuses to start from a bad file, naming the flag and the field', () => {
    const p = path.join(dir, 'acls.json');
    fs.writeFileSync(p, '{"run_tasks": 3}');
    expect(() => new AclFile(p, log)).toThrow(`--acls ${p}: run_tasks: must be a list of rules`);
    expect(() => new AclFile(path.join(dir, 'missing.json'), log)).toThrow(`--acls ${path.join(dir, 'missing.json')}: cannot read (ENOENT)`);
  });
});
