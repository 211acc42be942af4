/**
 * The scale harness's mixed-phase reads (bench/scale/mixed-reads.ts): the
 * summary of a loop's reads, and a `/metrics`-style loop keeping one
 * connection of its own across reads (a read that opens one says so).
 */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { getRead, readSummary, type ReadSample } from '../../bench/scale/mixed-reads';

describe('scale harness mixed reads', () => {
  it.each<[string, ReadSample[], ReturnType<typeof readSummary>]>([
    ['none', [], { reads: 0, failed: 0, medianMs: NaN, maxMs: NaN, lastBytes: 0, medianFirstMessageMs: undefined, firstError: undefined, newConnectionMs: [] }],
    ['the first read opened the connection, the others kept it', [{ ms: 14.2, bytes: 10, newConnection: true }, { ms: 3, bytes: 11, newConnection: false }, { ms: 5, bytes: 12, newConnection: false }], {
      reads: 3, failed: 0, medianMs: 5, maxMs: 14.2, lastBytes: 12, medianFirstMessageMs: undefined, firstError: undefined, newConnectionMs: [14],
    }],
    ['a failed read counts as failed, not as a new connection', [{ ms: 10_900, bytes: 0, error: 'socket hang up', newConnection: true }, { ms: 8403, bytes: 7, newConnection: true }], {
      reads: 1, failed: 1, medianMs: 8403, maxMs: 8403, lastBytes: 7, medianFirstMessageMs: undefined, firstError: 'socket hang up', newConnectionMs: [8403],
    }],
  ])('summary: %s', (_name, samples, want) => {
    expect(readSummary(samples)).toEqual(want);
  });

  it('a GET loop keeps one connection of its own across reads', async () => {
    let connections = 0;
    const server = http.createServer((_req, res) => res.end('metrics\n'));
    server.on('connection', () => connections++);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = `127.0.0.1:${(server.address() as AddressInfo).port}`;
    const read = getRead('/metrics');
    try {
      const samples: ReadSample[] = [];
      for (let i = 0; i < 4; i++) samples.push(await read.read(address, new AbortController().signal));
      expect(samples.map((s) => s.newConnection)).toEqual([true, false, false, false]);
      expect(samples.map((s) => s.bytes)).toEqual([8, 8, 8, 8]);
      expect(connections).toBe(1);
    } finally {
      read.close?.();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
