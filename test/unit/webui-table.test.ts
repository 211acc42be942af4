import { compareValues, filterRows, parseSort, sortRows, sortText, toggleSort, visibleWindow } from '../../master/webui/src/model/table';

describe('web UI tables', () => {
  it.each([
    [undefined, { key: 'id', descending: false }],
    ['cpus', { key: 'cpus', descending: false }],
    ['-cpus', { key: 'cpus', descending: true }],
  ])('reads the sort %p', (text, sort) => {
    expect(parseSort(text, { key: 'id', descending: false })).toEqual(sort);
  });

  it('writes a sort back as it reads it', () => {
    expect(sortText({ key: 'mem', descending: true })).toBe('-mem');
    expect(parseSort(sortText({ key: 'mem', descending: true }), { key: 'x', descending: false })).toEqual({ key: 'mem', descending: true });
  });

  it.each([
    [{ key: 'a', descending: false }, 'a', { key: 'a', descending: true }],
    [{ key: 'a', descending: true }, 'a', { key: 'a', descending: false }],
    [{ key: 'a', descending: true }, 'b', { key: 'b', descending: false }],
  ])('toggles %p by clicking %s', (current, key, next) => {
    expect(toggleSort(current, key)).toEqual(next);
  });

  it.each([
    [1, 2, -1],
    [10, 9, 1],
    ['a2', 'a10', -1],
    ['B', 'a', 1],
    ['', 'a', 1],
    [undefined, 0, 1],
    [undefined, null, 0],
  ])('compares %p with %p', (a, b, sign) => {
    expect(Math.sign(compareValues(a, b))).toBe(sign);
  });

  it('sorts stably both ways with blanks last', () => {
    const rows = [{ n: 2, id: 'a' }, { n: undefined, id: 'b' }, { n: 1, id: 'c' }, { n: 2, id: 'd' }];
    expect(sortRows(rows, (r) => r.n, false).map((r) => r.id)).toEqual(['c', 'a', 'd', 'b']);
    expect(sortRows(rows, (r) => r.n, true).map((r) => r.id)).toEqual(['a', 'd', 'c', 'b']);
    expect(rows.map((r) => r.id)).toEqual(['a', 'b', 'c', 'd']);
  });

  const rows = [
    { id: 't1', name: 'web server', state: 'TASK_RUNNING' },
    { id: 't2', name: 'batch job', state: 'TASK_FAILED' },
    { id: 't3', name: 'web cache', state: 'TASK_FAILED' },
  ];
  it.each([
    ['', ['t1', 't2', 't3']],
    ['web', ['t1', 't3']],
    ['WEB cache', ['t3']],
    ['state:failed', ['t2', 't3']],
    ['state:failed web', ['t3']],
    ['name:t1', []],
    ['nosuchfield:x', []],
    ['  t2  ', ['t2']],
  ])('filters by %p', (query, ids) => {
    expect(filterRows(rows, query, (r) => r).map((r) => r.id)).toEqual(ids);
  });

  it.each([
    // rows, height, scrollTop, viewport, overscan → first, end
    [0, 36, 0, 500, 8, { first: 0, end: 0, padTop: 0, padBottom: 0 }],
    [10, 36, 0, 500, 8, { first: 0, end: 10, padTop: 0, padBottom: 0 }],
    [100000, 36, 0, 720, 8, { first: 0, end: 28, padTop: 0, padBottom: (100000 - 28) * 36 }],
    [100000, 36, 36000, 720, 8, { first: 992, end: 1028, padTop: 992 * 36, padBottom: (100000 - 1028) * 36 }],
    [100, 36, 999999, 720, 8, { first: 99, end: 100, padTop: 99 * 36, padBottom: 0 }],
  ])('draws the window of %p rows of %p px scrolled to %p', (count, height, top, viewport, overscan, win) => {
    expect(visibleWindow(count, height, top, viewport, overscan)).toEqual(win);
  });
});
