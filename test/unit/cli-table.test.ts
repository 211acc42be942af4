import { formatNumber, formatShare, formatTable, formatUsage, type Column } from '../../cli/table';

const COLUMNS: Column[] = [{ header: 'ID' }, { header: 'NAME' }, { header: 'CPUS', align: 'right' }];

describe('formatTable', () => {
  it.each<[string, Column[], string[][], string]>([
    ['prints only the header when there are no rows', COLUMNS, [], 'ID  NAME  CPUS'],
    [
      'pads each column to its widest cell and separates columns by two spaces',
      COLUMNS,
      [
        ['a1', 'web', '0.5'],
        ['agent-22', 'x', '12'],
      ],
      ['ID        NAME  CPUS', 'a1        web    0.5', 'agent-22  x       12'].join('\n'),
    ],
    [
      'leaves no trailing blanks after a short last column',
      [{ header: 'ID' }, { header: 'NOTE' }],
      [['1', ''], ['22', 'ok']],
      ['ID  NOTE', '1', '22  ok'].join('\n'),
    ],
    ['pads a short row with empty cells', COLUMNS, [['only-id']], ['ID       NAME  CPUS', 'only-id'].join('\n')],
    ['ignores cells beyond the columns', [{ header: 'A' }], [['x', 'extra']], 'A\nx'],
    ['keeps a row on one line when a cell holds line breaks', [{ header: 'MSG' }], [['two\nlines']], 'MSG\ntwo lines'],
    ['widens a column to its header', [{ header: 'FRAMEWORK' }], [['f']], 'FRAMEWORK\nf'],
  ])('%s', (_name, columns, rows, expected) => {
    expect(formatTable(columns, rows)).toBe(expected);
  });
});

describe('number formatting', () => {
  it.each<[string, string, string]>([
    ['drops float noise', formatNumber(0.1 + 0.2), '0.3'],
    ['keeps whole numbers whole', formatNumber(2048), '2048'],
    ['shows absent as zero', formatNumber(undefined), '0'],
    ['rounds to three decimals', formatNumber(1 / 3), '0.333'],
    ['joins used and total with a slash', formatUsage(0.5, 2), '0.5/2'],
    ['shows a share as a percentage with one decimal', formatShare(0.125), '12.5%'],
    ['shows no share as 0.0%', formatShare(undefined), '0.0%'],
    ['shows a full share as 100.0%', formatShare(1), '100.0%'],
  ])('%s', (_name, actual, expected) => {
    expect(actual).toBe(expected);
  });
});
