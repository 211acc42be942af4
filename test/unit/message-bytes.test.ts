/**
 * `messageBytes` (`proto/src/message-bytes.ts`): the bytes of a message
 * encoded through the shared scratch writer are the bytes protobufjs gives
 * (`Buffer.from(codec.encode(m).finish())`), whatever came before: small and
 * large messages in turn, one bigger than the scratch buffer keeps, after an
 * encode that threw, and a nested encode.
 */
import { pb, TaskState, type MasterToAgent, type TaskStatus } from '@meseta/proto/wire';
import { messageBytes, type EncodesInto } from '@meseta/proto/message-bytes';
import { scalar } from '@meseta/proto/resources';

const plain = <T>(codec: EncodesInto<T> & { encode(m: T): { finish(): Uint8Array } }, m: T): Buffer => Buffer.from(codec.encode(m).finish());

function runTasks(n: number, nameLength = 10): MasterToAgent {
  return {
    run: Array.from({ length: n }, (_, i) => ({
      framework: { id: { value: `fw-${i}` }, name: 'f'.repeat(nameLength), user: 'root', roles: ['*'] },
      task: { name: 't', task_id: { value: `task-${i}` }, agent_id: { value: 'agent-1' }, resources: [scalar('cpus', 0.01), scalar('mem', 1)], command: { value: 'true' } },
    })),
  };
}

const status = (id: string): TaskStatus => ({ task_id: { value: id }, state: TaskState.TASK_RUNNING, uuid: new Uint8Array(16).fill(7), timestamp: 1.5 });

describe('messageBytes', () => {
  it.each<[string, () => Buffer, () => Buffer]>([
    ['an empty message', () => messageBytes(pb.MasterToAgent, {}), () => plain(pb.MasterToAgent, {})],
    ['a small status', () => messageBytes(pb.TaskStatus, status('a')), () => plain(pb.TaskStatus, status('a'))],
    ['ten RunTasks (nested lengths above 127 bytes)', () => messageBytes(pb.MasterToAgent, runTasks(10, 200)), () => plain(pb.MasterToAgent, runTasks(10, 200))],
    ['a message above the 64 KB the scratch starts at', () => messageBytes(pb.MasterToAgent, runTasks(400, 300)), () => plain(pb.MasterToAgent, runTasks(400, 300))],
    ['a message above the 1 MB the scratch keeps', () => messageBytes(pb.MasterToAgent, runTasks(2000, 600)), () => plain(pb.MasterToAgent, runTasks(2000, 600))],
    ['a small status after the big ones', () => messageBytes(pb.TaskStatus, status('b')), () => plain(pb.TaskStatus, status('b'))],
  ])('%s: the same bytes as protobufjs', (_name, ours, theirs) => {
    expect(ours().equals(theirs())).toBe(true);
  });

  it('returns a copy: the next encode does not change bytes already returned', () => {
    const first = messageBytes(pb.TaskStatus, status('first'));
    const kept = Buffer.from(first);
    messageBytes(pb.TaskStatus, status('second-and-longer'));
    expect(first.equals(kept)).toBe(true);
  });

  it('an encode that throws leaves the next one right', () => {
    const throwing: EncodesInto<number> = {
      encode: (_m, writer) => {
        writer?.uint32(12345).fork().string('half written');
        throw new Error('bad message');
      },
    };
    expect(() => messageBytes(throwing, 1)).toThrow('bad message');
    expect(messageBytes(pb.TaskStatus, status('after')).equals(plain(pb.TaskStatus, status('after')))).toBe(true);
  });

  it('a nested encode gets a writer of its own', () => {
    let inner: Buffer | undefined;
    const outer: EncodesInto<TaskStatus> = {
      encode: (m, writer) => {
        inner = messageBytes(pb.TaskStatus, status('inner'));
        return pb.TaskStatus.encode(m, writer);
      },
    };
    expect(messageBytes(outer, status('outer')).equals(plain(pb.TaskStatus, status('outer')))).toBe(true);
    expect(inner?.equals(plain(pb.TaskStatus, status('inner')))).toBe(true);
  });
});
