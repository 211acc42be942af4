/**
 * The fetcher: a cold fetch against a cached one, of one artifact
 * (`--mb`, default 50) served by an HTTP server on 127.0.0.1 started here,
 * through the agent's own Fetcher, NodeDownloader and FetchCache into a
 * fresh sandbox each time. Side by side, medians over `--reps`:
 *
 * - direct: `cache: false`, downloaded into the sandbox each time;
 * - cache, cold: `cache: true` on an empty cache (downloaded into the
 *   cache, then copied into the sandbox);
 * - cache, warm: `cache: true` with the entry there (copied only; the
 *   server sees no request);
 * - five at once, cold: five concurrent fetches of the URI on an empty
 *   cache (one download shared, five copies).
 *
 * What is real: Node's http client and server over loopback, the disk
 * (the sandboxes and the cache are under the system temp folder). What it
 * does not measure: the master and the agent around the fetch.
 *
 *   npm run build && node dist/bench/fetcher.bench.js [--mb 50] [--reps 5]
 */
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { silentLogger } from '@meseta/runtime/log';
import { NodeDownloader } from '../agent/fetcher/downloader';
import { FetchCache } from '../agent/fetcher/fetch-cache';
import { Fetcher } from '../agent/fetcher/fetcher';
import { arg, median } from './support/bench-args';

const MB = arg('mb', 50);
const REPS = arg('reps', 5);

async function main(): Promise<void> {
  const artifact = randomBytes(MB * 1024 * 1024);
  let requests = 0;
  const server = http.createServer((_req, res) => {
    requests++;
    res.writeHead(200, { 'content-length': artifact.length }).end(artifact);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const uri = `http://127.0.0.1:${(server.address() as AddressInfo).port}/artifact.bin`;
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'meseta-fetcher-bench-'));
  const downloader = new NodeDownloader();
  let n = 0;
  const sandbox = (): { dir: string; stderrPath: string } => {
    const dir = path.join(root, `sandbox-${++n}`);
    fs.mkdirSync(dir);
    return { dir, stderrPath: path.join(dir, 'stderr') };
  };
  const newCache = async (): Promise<FetchCache> => {
    const cache = new FetchCache({ dir: path.join(root, `cache-${++n}`), maxBytes: 4 * artifact.length, maxDownloadBytes: 2 * artifact.length, downloader, logger: silentLogger });
    await cache.open();
    return cache;
  };
  const fetchWith = async (fetcher: Fetcher, cache: boolean, count = 1): Promise<number> => {
    const plan = fetcher.plan({ uris: [{ value: uri, cache }] });
    if ('problem' in plan) throw new Error(plan.problem);
    const started = performance.now();
    await Promise.all(Array.from({ length: count }, () => fetcher.fetchUris(plan.steps, sandbox(), undefined)));
    return performance.now() - started;
  };
  const rows: { name: string; ms: number[]; requests: number[] }[] = [
    { name: 'direct (no cache)', ms: [], requests: [] },
    { name: 'cache, cold', ms: [], requests: [] },
    { name: 'cache, warm', ms: [], requests: [] },
    { name: 'five at once, cold cache', ms: [], requests: [] },
  ];
  try {
    for (let rep = 0; rep < REPS; rep++) {
      const direct = new Fetcher({ downloader, logger: silentLogger });
      const cached = new Fetcher({ downloader, cache: await newCache(), logger: silentLogger });
      const five = new Fetcher({ downloader, cache: await newCache(), logger: silentLogger });
      const runs: [number, () => Promise<number>][] = [
        [0, () => fetchWith(direct, false)],
        [1, () => fetchWith(cached, true)],
        [2, () => fetchWith(cached, true)],
        [3, () => fetchWith(five, true, 5)],
      ];
      for (const [row, run] of runs) {
        const before = requests;
        rows[row].ms.push(await run());
        rows[row].requests.push(requests - before);
      }
      for (const name of fs.readdirSync(root)) if (name.startsWith('sandbox-')) fs.rmSync(path.join(root, name), { recursive: true, force: true });
    }
  } finally {
    server.close();
    fs.rmSync(root, { recursive: true, force: true });
  }
  console.log(`fetcher: one ${MB} MB artifact over http://127.0.0.1, medians of ${REPS} (${os.cpus().length} cpus, node ${process.version})`);
  console.log('| fetch | ms | MB/s | HTTP requests |');
  console.log('|---|---:|---:|---:|');
  for (const row of rows) {
    const ms = median(row.ms);
    const volume = row.name.startsWith('five') ? 5 * MB : MB;
    console.log(`| ${row.name} | ${ms.toFixed(0)} | ${((volume * 1000) / ms).toFixed(0)} | ${median(row.requests)} |`);
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
