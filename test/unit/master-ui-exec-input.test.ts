/** The web UI terminal's requests, checked; and the terminal command line the agent runs. */
import { parseExecInput, parseExecStart, UiExecInputError } from '../../master/ui-exec-input';
import { checkTerminalSize, shellQuote, terminalCommand } from '../../agent/containerizers/exec-tty';
import { parseExecInputPath } from '../../master/http-exec';

function refusal(f: () => unknown): { field: string; message: string } {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(UiExecInputError);
    return { field: (e as UiExecInputError).field, message: (e as Error).message };
  }
  throw new Error('not refused');
}

describe('parseExecStart', () => {
  it.each([
    [{ framework_id: 'f', task_id: 't', rows: 24, columns: 80 }, { frameworkId: 'f', taskId: 't', command: ['sh'], rows: 24, columns: 80 }],
    [{ framework_id: 'f', task_id: 't', rows: 1, columns: 1000, command: ['bash', '-l'] }, { frameworkId: 'f', taskId: 't', command: ['bash', '-l'], rows: 1, columns: 1000 }],
  ])('%j', (body, expected) => {
    expect(parseExecStart(body)).toEqual(expected);
  });

  it.each([
    [[], 'body', 'body: must be a JSON object'],
    [{ task_id: 't', rows: 24, columns: 80 }, 'framework_id', 'framework_id: required, a non-empty string'],
    [{ framework_id: 'f', rows: 24, columns: 80 }, 'task_id', 'task_id: required, a non-empty string'],
    [{ framework_id: 'f', task_id: 't', columns: 80 }, 'rows', 'rows: must be a whole number from 1 to 1000 (got undefined)'],
    [{ framework_id: 'f', task_id: 't', rows: 24.5, columns: 80 }, 'rows', 'rows: must be a whole number from 1 to 1000 (got 24.5)'],
    [{ framework_id: 'f', task_id: 't', rows: 24, columns: 1001 }, 'columns', 'columns: must be a whole number from 1 to 1000 (got 1001)'],
    [{ framework_id: 'f', task_id: 't', rows: 24, columns: 80, command: [] }, 'command', 'command: must be a non-empty list of strings (argv)'],
    [{ framework_id: 'f', task_id: 't', rows: 24, columns: 80, command: 'sh' }, 'command', 'command: must be a non-empty list of strings (argv)'],
    [{ framework_id: 'f', task_id: 't', rows: 24, columns: 80, command: [''] }, 'command[0]', 'command[0]: required, the program to run'],
    [{ framework_id: 'f', task_id: 't', rows: 24, columns: 80, command: ['sh', 3] }, 'command[1]', 'command[1]: must be a string'],
    [{ framework_id: 'f', task_id: 't', rows: 24, columns: 80, tty: true }, 'tty', 'tty: unknown field (allowed: framework_id, task_id, command, rows, columns)'],
  ])('%j is refused naming %s', (body, field, message) => {
    expect(refusal(() => parseExecStart(body))).toEqual({ field, message });
  });
});

describe('parseExecInput', () => {
  it.each([
    [{ data: 'ls\r' }, { data: Buffer.from('ls\r') }],
    [{ resize: { rows: 30, columns: 100 } }, { resize: { rows: 30, columns: 100 } }],
    [{ signal: 2 }, { signal: 2 }],
    [{ close: true }, { close: true }],
  ])('%j', (body, expected) => {
    expect(parseExecInput(body)).toEqual(expected);
  });

  it.each([
    [{}, 'body', 'body: empty: send data, resize, signal or close'],
    [{ data: 5 }, 'data', 'data: must be a string (what was typed)'],
    [{ data: 'x'.repeat(65_537) }, 'data', 'data: longer than 65536 bytes; send it in parts'],
    [{ resize: [24, 80] }, 'resize', 'resize: must be {"rows": N, "columns": N}'],
    [{ resize: { rows: 0, columns: 80 } }, 'resize.rows', 'resize.rows: must be a whole number from 1 to 1000 (got 0)'],
    [{ signal: 99 }, 'signal', 'signal: must be a signal number from 1 to 64 (got 99)'],
    [{ close: 'yes' }, 'close', 'close: must be true or false'],
    [{ keys: 'x' }, 'keys', 'keys: unknown field (allowed: data, resize, signal, close)'],
  ])('%j is refused naming %s', (body, field, message) => {
    expect(refusal(() => parseExecInput(body))).toEqual({ field, message });
  });
});

describe('the terminal command line', () => {
  it.each([
    [['sh'], "'sh'"],
    [['echo', "it's", '$HOME'], "'echo' 'it'\\''s' '$HOME'"],
    [['a b', ''], "'a b' ''"],
  ])('%j quotes as %s', (argv, quoted) => {
    expect(shellQuote(argv)).toBe(quoted);
  });

  it('runs the command under script, sized by stty first', () => {
    expect(terminalCommand(['sh'], { rows: 24, columns: 80 })).toEqual({
      file: 'script',
      args: ['-q', '-f', '-e', '-c', "stty rows 24 cols 80 2>/dev/null; exec 'sh'", '/dev/null'],
    });
  });

  it.each([
    [{ rows: 24, columns: 80 }, undefined],
    [{ rows: 0, columns: 80 }, 'start.tty.rows: must be a whole number from 1 to 1000 (got 0)'],
    [{ rows: 24 }, 'start.tty.columns: must be a whole number from 1 to 1000 (got 0)'],
    [{ rows: 24, columns: 1e6 }, 'start.tty.columns: must be a whole number from 1 to 1000 (got 1000000)'],
  ])('size %j', (size, problem) => {
    if (problem) expect(() => checkTerminalSize(size, 'start.tty')).toThrow(problem);
    else expect(checkTerminalSize(size, 'start.tty')).toEqual(size);
  });

  it.each([
    ['/api/v1/exec/0b9f4c1e-1c2d-4e5f-8a9b-0c1d2e3f4a5b/input', '0b9f4c1e-1c2d-4e5f-8a9b-0c1d2e3f4a5b'],
    ['/api/v1/exec/abc/input/x', undefined],
    ['/api/v1/exec/../input', undefined],
    ['/api/v1/exec', undefined],
  ])('input path %s', (p, id) => {
    expect(parseExecInputPath(p)).toBe(id);
  });
});
