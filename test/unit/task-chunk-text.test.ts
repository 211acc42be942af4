/** TaskChunkText: the UI stream's packed task chunk written as rows are added into a reused scratch, the text of JSON.stringify of TaskPacker's table. */
import { TaskPacker } from '../../master/http-ui-pack';
import { TaskChunkText, TextScratch } from '../../master/task-chunk-text';

type Fields = Parameters<TaskPacker['addFields']>;

function row(i: number, over: Partial<{ name: string; fw: string; agent: string; state: string; completed: boolean; amounts: Array<[string, number]>; container: string; executor: string; message: string; reason: string }> = {}): Fields {
  const amounts = over.amounts ?? [['cpus', 0.1], ['mem', 32]];
  return [
    `task-${i}`, over.name ?? `name-${i}`, over.fw ?? `fw-${i % 3}`, over.agent ?? `agent-${i % 7}`, over.state ?? 'TASK_RUNNING',
    1_700_000_000.123 + i, 1_700_000_001.5 + i, over.completed ?? false,
    (add) => { for (const [r, a] of amounts) add(r, a); },
    over.container ?? '', over.executor ?? '', over.message ?? '', over.reason ?? '',
  ];
}

const many = (n: number, name = (i: number) => `name-${i}`): Fields[] => Array.from({ length: n }, (_, i) => row(i, { name: name(i) }));

describe('TaskChunkText', () => {
  it.each<[string, Fields[], number, number]>([
    ['no rows', [], 0, 64],
    ['one plain row', [row(1)], 0, 64],
    ['trailing defaults left out, a completed row, no amounts', [row(1, { completed: true, amounts: [] }), row(2, { amounts: [] })], 5, 64],
    ['message and reason after empty fields', [row(1, { message: 'lost "it"\n', reason: 'REASON_AGENT_REMOVED' }), row(2, { container: 'DOCKER', executor: 'ex' })], 1, 64],
    ['amounts added up per resource, a resource seen later', [row(1, { amounts: [['cpus', 0.1], ['cpus', 0.2]] }), row(2, { amounts: [['gpus', 1], ['mem', 1e-7]] })], 0, 64],
    ['names with quotes, backslashes, two- to four-byte characters', [row(1, { name: 'a"b\\c' }), row(2, { name: 'é日本😀' }), row(3, { name: '\u2028\u0001' })], 2, 8],
    ['rows over a scratch that grows many times', many(500), 3, 16],
    ['rows over the default scratch, grown', many(12_000, (i) => `a-longer-task-name-${i}-${'x'.repeat(i % 17)}`), 40_000, 64 * 1024],
  ])('%s', (_name, rows, remaining, scratchBytes) => {
    const timeBase = 1_699_999_999.9;
    const plain = new TaskPacker(timeBase);
    const bytes = new TaskChunkText(timeBase, new TextScratch(scratchBytes));
    for (const r of rows) {
      plain.addFields(...r);
      bytes.addFields(...r);
    }
    expect(bytes.size).toBe(rows.length);
    const out = bytes.chunkJson(remaining);
    expect(out).toBe(JSON.stringify({ tasks: plain.done(), remaining }));
  });

  it('chunks packed one after another on one scratch each hold only their own rows', () => {
    const scratch = new TextScratch(8);
    const rows = many(30);
    for (const part of [rows.slice(0, 10), rows.slice(10, 11), [], rows.slice(11)]) {
      const plain = new TaskPacker(5);
      const bytes = new TaskChunkText(5, scratch);
      for (const r of part) {
        plain.addFields(...r);
        bytes.addFields(...r);
      }
      expect(bytes.chunkJson(7)).toBe(JSON.stringify({ tasks: plain.done(), remaining: 7 }));
    }
  });

  it('keeps no row arrays: the table it reports holds dictionaries only', () => {
    const bytes = new TaskChunkText(0);
    for (const r of many(10)) bytes.addFields(...r);
    expect(bytes.done().rows).toEqual([]);
    expect(bytes.done().agents.length).toBe(7);
  });
});
