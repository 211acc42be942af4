/**
 * The agent's checkpoint: file names for ids, atomic files, the batched
 * store, the records' JSON form and what is refused when reading it back.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { StatusUpdate, TaskInfo } from '@meseta/proto/wire';
import { pb, Reason, TaskState } from '@meseta/proto/wire';
import { newUpdateUuid, uuidKey } from '@meseta/proto/ids';
import { silentLogger } from '@meseta/runtime/log';
import { parseAttributes, parseResources } from '@meseta/proto/resource-text';
import {
  CHECKPOINT_FORMAT,
  decodeFramework,
  decodeIdentity,
  decodeTaskCheckpoint,
  encodeFramework,
  encodeIdentity,
  encodeTaskCheckpoint,
  type TaskCheckpoint,
} from '../../agent/checkpoint-codec';
import { readCheckpointFile, removeTemporaryFiles, writeFileAtomic } from '../../agent/checkpoint-files';
import { frameworkFile, idFileName, runFolder, taskFile } from '../../agent/checkpoint-layout';
import { CheckpointStore } from '../../agent/checkpoint-store';
import { checkpointFsync, type CheckpointFsync } from '../../agent/checkpoint-writer';

let dir: string;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'meseta-agent-checkpoint-'));
});

afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

const tick = (): Promise<void> => new Promise((r) => setImmediate(r));

describe('file names for ids', () => {
  it.each([
    ['a plain id stays as it is', 'web-1', 'web-1'],
    ['a slash is encoded', 'a/b', 'a%2Fb'],
    ['dots are encoded, so . and .. cannot occur', '..', '%2E%2E'],
    ['a backslash and a NUL are encoded', 'a\\b\u0000', 'a%5Cb%00'],
    ['spaces and unicode are encoded', 'é t', '%C3%A9%20t'],
  ])('%s', (_name, id, expected) => {
    expect(idFileName(id)).toBe(expected);
  });

  it('hashes ids too long for a file name, and the empty id, keeping them distinct', () => {
    const long = 'x'.repeat(300);
    expect(idFileName(long)).toMatch(/^~[0-9a-f]{64}$/);
    expect(idFileName(long)).not.toBe(idFileName(`${long}y`));
    expect(idFileName('')).toMatch(/^~[0-9a-f]{64}$/);
  });

  it('places framework, task and run files under the meta dir', () => {
    expect(frameworkFile('fw/1')).toBe('frameworks/fw%2F1/framework.json');
    expect(taskFile('fw', 't.1')).toBe('frameworks/fw/tasks/t%2E1.json');
    expect(runFolder('c1')).toBe('runs/c1');
  });
});

describe('atomic checkpoint files', () => {
  it('writes a file, replaces it whole and leaves no temporary file', async () => {
    const file = path.join(dir, 'sub', 'a.json');
    await writeFileAtomic(file, '{"n":1}');
    await writeFileAtomic(file, '{"n":2}');
    expect(fs.readFileSync(file, 'utf8')).toBe('{"n":2}');
    expect(fs.readdirSync(path.dirname(file))).toEqual(['a.json']);
  });

  it('ignores and removes the temporary file a crash left, keeping the last complete version', async () => {
    const file = path.join(dir, 'a.json');
    await writeFileAtomic(file, '{"n":1}');
    fs.writeFileSync(`${file}.tmp-123-4`, '{"n":'); // a write cut short before its rename
    expect(readCheckpointFile(file)).toEqual({ kind: 'ok', file, value: { n: 1 } });
    expect(removeTemporaryFiles(dir)).toBe(1);
    expect(fs.readdirSync(dir)).toEqual(['a.json']);
  });

  it('removes temporary files only at the top when told not to descend (runtime dirs hold containerizers\' own files)', () => {
    fs.mkdirSync(path.join(dir, 'runs', 'c1'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'agent.json.tmp-1-1'), '');
    fs.writeFileSync(path.join(dir, 'runs', 'c1', 'x.tmp-9'), '');
    expect(removeTemporaryFiles(dir, false)).toBe(1);
    expect(fs.existsSync(path.join(dir, 'runs', 'c1', 'x.tmp-9'))).toBe(true);
  });

  it.each([
    ['a missing file', undefined, { kind: 'missing' }],
    ['an empty file', '', { kind: 'corrupt', problem: 'is empty' }],
    ['a truncated file', '{"format": 1, "agent', { kind: 'corrupt', problem: expect.stringContaining('is not valid JSON') }],
    ['a valid file', '{"format": 1}', { kind: 'ok', value: { format: 1 } }],
  ])('reads %s as such, naming the file', (_name, content, expected) => {
    const file = path.join(dir, 'agent.json');
    if (content !== undefined) fs.writeFileSync(file, content);
    expect(readCheckpointFile(file)).toEqual({ ...expected, file });
  });
});

describe('which checkpoint files are fsynced', () => {
  it.each<[CheckpointFsync, string, boolean]>([
    ['identity', 'agent.json', true],
    ['identity', 'frameworks/f1/framework.json', false],
    ['identity', 'frameworks/f1/tasks/t1.json', false],
    ['all', 'frameworks/f1/tasks/t1.json', true],
    ['none', 'agent.json', false],
  ])('%s: %s → %s', (policy, file, expected) => {
    expect(checkpointFsync(policy)(file)).toBe(expected);
  });
});

describe('the checkpoint store', () => {
  it('writes each path once per batch, with the content of the latest change', async () => {
    const store = new CheckpointStore(dir, silentLogger, { fsync: false });
    let produced = 0;
    const writes = [1, 2, 3].map((n) => store.write('t.json', () => (produced++, `${n}`)));
    await Promise.all(writes);
    expect(produced).toBe(1);
    expect(fs.readFileSync(path.join(dir, 't.json'), 'utf8')).toBe('3');
  });

  it('removes a file when its content is undefined', async () => {
    const store = new CheckpointStore(dir, silentLogger, { fsync: false });
    await store.write('t.json', () => 'x');
    await store.write('t.json', () => undefined);
    expect(fs.existsSync(path.join(dir, 't.json'))).toBe(false);
  });

  it('drops pending writes under a removed folder, and writes made after the removal land in a fresh folder', async () => {
    const store = new CheckpointStore(dir, silentLogger, { fsync: false });
    await store.write('f/old.json', () => 'old');
    void store.write('f/gone.json', () => 'never');
    void store.remove('f');
    void store.write('f/new.json', () => 'new');
    await store.flush();
    expect(fs.readdirSync(path.join(dir, 'f'))).toEqual(['new.json']);
  });

  it('resolves a change only once it is on disk, in batches one after another', async () => {
    const store = new CheckpointStore(dir, silentLogger, { fsync: false });
    const first = store.write('a.json', () => 'a');
    await tick();
    const second = store.write('b.json', () => 'b');
    await first;
    expect(fs.existsSync(path.join(dir, 'a.json'))).toBe(true);
    await second;
    expect(fs.readFileSync(path.join(dir, 'b.json'), 'utf8')).toBe('b');
    expect(store.backlog).toBe(0);
  });

  it('holds a change marked soon until the next batch, the soon delay or a flush', async () => {
    const store = new CheckpointStore(dir, silentLogger, { fsync: false, soonMs: 60_000 });
    void store.write('ack.json', () => 'ack', 'soon');
    await new Promise((r) => setTimeout(r, 50));
    expect(fs.existsSync(path.join(dir, 'ack.json'))).toBe(false);
    await store.write('update.json', () => 'update'); // a batch starts: the held change joins it
    expect(fs.readFileSync(path.join(dir, 'ack.json'), 'utf8')).toBe('ack');
    void store.remove('ack.json', 'soon');
    await store.flush();
    expect(fs.existsSync(path.join(dir, 'ack.json'))).toBe(false);
    store.close();
  });

  it('writes a change marked soon by itself once the soon delay has passed', async () => {
    const store = new CheckpointStore(dir, silentLogger, { fsync: false, soonMs: 20 });
    await store.write('ack.json', () => 'ack', 'soon');
    expect(fs.readFileSync(path.join(dir, 'ack.json'), 'utf8')).toBe('ack');
  });

  it('logs a failed write with its file and still resolves (the agent keeps working)', async () => {
    const errors: string[] = [];
    const logger = { ...silentLogger, error: (message: string, fields?: Record<string, unknown>) => errors.push(`${message} ${String(fields?.file)}`) };
    fs.writeFileSync(path.join(dir, 'blocker'), 'a file where a dir should be');
    const store = new CheckpointStore(dir, logger, { fsync: false, retryMs: 60_000 });
    await store.write('blocker/t.json', () => 'x');
    expect(errors).toEqual([`checkpoint write failed; retrying ${path.join(dir, 'blocker/t.json')}`]);
    store.close();
  });
});

function update(taskId: string, state: TaskState): StatusUpdate {
  return {
    framework_id: { value: 'fw' },
    status: { task_id: { value: taskId }, state, uuid: newUpdateUuid(), timestamp: 1700000000.5, source: pb.TaskStatus.Source.SOURCE_EXECUTOR },
  };
}

const TASK_INFO: TaskInfo = {
  name: 'web',
  task_id: { value: 'web-1' },
  agent_id: { value: 'a1' },
  resources: parseResources('cpus:0.5;mem:64;ports:[31000-31001]'),
  command: { value: 'sleep 10', environment: { variables: [{ name: 'A', value: 'b' }] } },
  kill_policy: { grace_period: { nanoseconds: 2_000_000_000 } },
};

function taskCheckpoint(): TaskCheckpoint {
  return {
    frameworkId: 'fw',
    taskId: 'web-1',
    task: {
      info: TASK_INFO,
      containerId: 'c1',
      phase: 'running',
      state: TaskState.TASK_RUNNING,
      statuses: [update('web-1', TaskState.TASK_RUNNING).status!],
      sandbox: 'frameworks/fw/tasks/web-1/runs/c1',
      containerizer: 'posix',
      container: { pid: 1234, start_time: 5678 },
      pid: 1234,
      killRequested: true,
      killReason: Reason.REASON_FRAMEWORK_REMOVED,
    },
    updates: [update('web-1', TaskState.TASK_RUNNING), update('web-1', TaskState.TASK_FINISHED)],
  };
}

describe('checkpoint records', () => {
  it('keep a task and its pending updates across a write and a read, uuids included', () => {
    const original = taskCheckpoint();
    const text = encodeTaskCheckpoint(original);
    expect(text).toContain('"state": "TASK_RUNNING"'); // readable: enum names
    const decoded = decodeTaskCheckpoint(JSON.parse(text));
    if (!decoded.ok) throw new Error(decoded.problem);
    const back = decoded.value;
    expect(back.task).toMatchObject({ containerId: 'c1', phase: 'running', state: TaskState.TASK_RUNNING, container: { pid: 1234, start_time: 5678 } });
    expect(back.task?.killReason).toBe(Reason.REASON_FRAMEWORK_REMOVED);
    expect(back.task?.info.command?.environment?.variables).toEqual([{ name: 'A', value: 'b' }]);
    expect(back.task?.info.resources?.find((r) => r.name === 'ports')?.ranges?.range).toEqual([{ begin: 31000, end: 31001 }]);
    expect(back.task?.info.kill_policy?.grace_period?.nanoseconds).toBe(2_000_000_000);
    expect(back.updates.map((u) => uuidKey(u.status?.uuid))).toEqual(original.updates.map((u) => uuidKey(u.status?.uuid)));
    expect(back.updates.map((u) => u.status?.state)).toEqual([TaskState.TASK_RUNNING, TaskState.TASK_FINISHED]);
  });

  it('come back as plain objects: no defaults from message prototypes', () => {
    const decoded = decodeTaskCheckpoint(JSON.parse(encodeTaskCheckpoint(taskCheckpoint())));
    if (!decoded.ok) throw new Error(decoded.problem);
    const status = decoded.value.task!.statuses[0];
    expect(status.reason).toBeUndefined();
    expect(status.exit_code).toBeUndefined();
    expect(Object.getPrototypeOf(status)).toBe(Object.prototype);
  });

  it('keep a file with only updates (a refusal the agent never tracked)', () => {
    const decoded = decodeTaskCheckpoint(JSON.parse(encodeTaskCheckpoint({ frameworkId: 'fw', taskId: 'x', updates: [update('x', TaskState.TASK_ERROR)] })));
    expect(decoded).toMatchObject({ ok: true, value: { task: undefined, updates: [expect.anything()] } });
  });

  it('keep the agent identity and a framework info', () => {
    const identity = {
      agentId: 'a1',
      bootId: 'b1',
      hostname: 'h',
      resources: parseResources('cpus:2;mem:1024'),
      resourcesFlag: 'cpus:2',
      attributes: parseAttributes('rack:r1;zone:2'),
    };
    const back = decodeIdentity(JSON.parse(encodeIdentity(identity, 1)));
    expect(back).toMatchObject({ ok: true, value: { agentId: 'a1', bootId: 'b1', resourcesFlag: 'cpus:2' } });
    if (back.ok) expect(back.value.resources.map((r) => r.scalar?.value)).toEqual([2, 1024]);
    const framework = decodeFramework(JSON.parse(encodeFramework({ id: { value: 'fw' }, name: 'n', capabilities: [{ type: 5 }] })));
    expect(framework).toMatchObject({ ok: true, value: { name: 'n', capabilities: [{ type: 5 }] } });
  });

  const base = (): Record<string, unknown> => JSON.parse(encodeTaskCheckpoint(taskCheckpoint())) as Record<string, unknown>;
  it.each<[string, (r: Record<string, unknown>) => unknown, string]>([
    ['not an object', () => [], 'record: must be an object'],
    ['no format', (r) => ({ ...r, format: undefined }), 'format: must be a positive integer'],
    ['a newer format', (r) => ({ ...r, format: CHECKPOINT_FORMAT + 1 }), 'is newer than this agent understands'],
    ['no task id', (r) => ({ ...r, task_id: '' }), 'task_id: must be a non-empty string'],
    ['an unknown phase', (r) => ({ ...r, task: { ...(r.task as object), phase: 'flying' } }), 'task.phase: "flying" is not one of'],
    ['an unknown state', (r) => ({ ...r, task: { ...(r.task as object), state: 'TASK_NAPPING' } }), 'task.state: "TASK_NAPPING" is not a known value'],
    ['no container id', (r) => ({ ...r, task: { ...(r.task as object), container_id: undefined } }), 'task.container_id: required'],
    ['updates that are not a list', (r) => ({ ...r, updates: {} }), 'updates: must be a list'],
    [
      "an update of another task",
      (r) => ({ ...r, updates: [{ framework_id: { value: 'fw' }, status: { task_id: { value: 'other' }, state: 'TASK_RUNNING', uuid: 'AAAA' } }] }),
      'updates[0].status.task_id: must be "web-1"',
    ],
    [
      'an update without uuid',
      (r) => ({ ...r, updates: [{ framework_id: { value: 'fw' }, status: { task_id: { value: 'web-1' }, state: 'TASK_RUNNING' } }] }),
      'updates[0].status.uuid: required',
    ],
  ])('refuse a task file with %s, naming the field', (_name, change, problem) => {
    const decoded = decodeTaskCheckpoint(change(base()));
    expect(decoded.ok).toBe(false);
    if (!decoded.ok) expect(decoded.problem).toContain(problem);
  });

  it.each<[string, unknown, string]>([
    ['a framework without id', { format: 1, framework_info: { name: 'x' } }, 'framework_info.id: required'],
    ['an identity with resources that are not a list', { format: 1, resources: 'cpus:1' }, 'resources: must be a list'],
  ])('refuse %s', (_name, value, problem) => {
    const decoded = 'framework_info' in (value as object) ? decodeFramework(value) : decodeIdentity(value);
    expect(decoded).toEqual({ ok: false, problem: expect.stringContaining(problem) });
  });
});
