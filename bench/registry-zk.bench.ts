/**
 * Registry writes in ZooKeeper (`--zk`): the chunked snapshot plus log
 * (master/registry/zookeeper-registry-log-store.ts) against the earlier
 * single-znode store (bench/baseline/single-znode-registry-store.ts, a
 * baseline we wrote ourselves: the whole registry per write), side by side
 * against one real ZooKeeper started as a user would
 * (bench/support/zookeeper-server.ts: Debian's zkServer.sh, package
 * defaults, jute.maxbuffer 1 MB).
 *
 * What is real: ZooKeeper (its fsyncs included), the ZooKeeper client, the
 * stores and the Registrar the master uses. What is simulated: the agents;
 * each admission is the registry mutation a registering agent causes
 * (`admitAgent` with an AgentInfo of 4 resources and 1 attribute),
 * `--concurrency` of them in flight at a time (each "agent" waits for its
 * admission to be durable, then the next one registers), so many share a
 * durable write as they do in the master.
 *
 * Printed, per store, medians over `--reps`: time and ZooKeeper bytes
 * (znode data sent) to make each thousand admissions durable, ZooKeeper
 * writes, and where a store failed (the single znode hits jute.maxbuffer);
 * for the log store, the time for a restarted reader to load everything
 * (and how much of it is reading znodes rather than parsing and replaying).
 *
 *   npm run build && node dist/bench/registry-zk.bench.js [--agents 10000] [--concurrency 50] [--reps 3] [--samples]
 */
import * as os from 'node:os';
import { performance } from 'node:perf_hooks';
import { connectZooKeeper, type ZkClient } from '@meseta/runtime/zk-client';
import { Registrar } from '../master/registry/registrar';
import { admitAgent, serializeRegistry } from '../master/registry/registry-state';
import type { RegistryStore } from '../master/registry/registry-store';
import { ZooKeeperRegistryLogStore } from '../master/registry/zookeeper-registry-log-store';
import { zooKeeperSurface } from '../master/registry/zookeeper-surface';
import { ZooKeeperRegistryStore } from './baseline/single-znode-registry-store';
import { arg, median } from './support/bench-args';
import { startBenchZooKeeper } from './support/zookeeper-server';
import { sampleAgentInfo } from '../test/support/sample-agent-info';

const AGENTS = arg('agents', 10_000);
const CONCURRENCY = arg('concurrency', 50);
const REPS = arg('reps', 3);
const SAMPLES = process.argv.includes('--samples');
const STEP = 1000;
/** A store that stops answering is given up on after this long. */
const STALL_MS = 60_000;

type Kind = 'chunked log' | 'single znode';

/** One run of one store. */
interface Run {
  /** Admissions durable (resolved). */
  durable: number;
  ms: number;
  bytes: number;
  writes: number;
  /** Per thousand durable admissions: ms and bytes at that point. */
  steps: Array<{ ms: number; bytes: number }>;
  /** The registry's serialised size when it ended (or failed). */
  registryBytes: number;
  failure?: string;
  /** Loading everything in a new session (log store). */
  reloadMs?: number;
  /** Of which reading the znodes (snapshot chunks and log records). */
  reloadReadMs?: number;
  reloadAgents?: number;
}

const agentInfo = sampleAgentInfo;

/** Counts what the single-znode store sends. */
class CountingStore implements RegistryStore {
  bytes = 0;
  writes = 0;
  constructor(private readonly inner: RegistryStore) {}
  get where(): string {
    return this.inner.where;
  }
  load(): Promise<Buffer | undefined> {
    return this.inner.load();
  }
  async store(bytes: Buffer): Promise<void> {
    this.bytes += bytes.length;
    this.writes++;
    await this.inner.store(bytes);
  }
}

async function runOnce(connectionString: string, kind: Kind, path: string): Promise<Run> {
  const client: ZkClient = await connectZooKeeper(connectionString, 15_000, 30_000);
  const logStore = kind === 'chunked log' ? new ZooKeeperRegistryLogStore(zooKeeperSurface(client), path) : undefined;
  const single = kind === 'single znode' ? new CountingStore(new ZooKeeperRegistryStore(client, path)) : undefined;
  const counted = (): { bytes: number; writes: number } => (logStore ? { bytes: logStore.bytesWritten, writes: logStore.writes } : { bytes: single!.bytes, writes: single!.writes });
  let failure: string | undefined;
  const registrar = new Registrar((logStore ?? single)!, (e) => (failure ??= e.message));
  await registrar.recover();
  const run: Run = { durable: 0, ms: 0, bytes: 0, writes: 0, steps: [], registryBytes: 0 };
  const start = performance.now();
  let next = 0;
  let stalled: NodeJS.Timeout | undefined;
  const worker = async (): Promise<void> => {
    while (next < AGENTS && failure === undefined) {
      const i = next++;
      try {
        await registrar.apply(admitAgent(`agent-${i}`, agentInfo(i), 1));
      } catch (e) {
        failure ??= (e as Error).message;
        return;
      }
      run.durable++;
      if (run.durable % STEP === 0) run.steps.push({ ms: performance.now() - start, bytes: counted().bytes });
    }
  };
  await Promise.race([
    Promise.all(Array.from({ length: CONCURRENCY }, worker)),
    new Promise<void>((resolve) => {
      stalled = setTimeout(() => {
        failure ??= `no answer from ZooKeeper for ${STALL_MS / 1000} s`;
        resolve();
      }, STALL_MS);
    }),
  ]);
  clearTimeout(stalled);
  run.ms = performance.now() - start;
  ({ bytes: run.bytes, writes: run.writes } = counted());
  run.registryBytes = serializeRegistry(registrar.current).length;
  run.failure = failure;
  await logStore?.settled();
  client.close();
  if (logStore && !failure) {
    const reader = await connectZooKeeper(connectionString);
    try {
      // Reading the znodes alone, then the whole recovery (reading again, parsing, replaying).
      const read = performance.now();
      await new ZooKeeperRegistryLogStore(zooKeeperSurface(reader), path, { readOnly: true }).loadLog();
      run.reloadReadMs = performance.now() - read;
      const t = performance.now();
      const state = await new Registrar(new ZooKeeperRegistryLogStore(zooKeeperSurface(reader), path, { readOnly: true })).recover();
      run.reloadMs = performance.now() - t;
      run.reloadAgents = state.agents.size;
    } finally {
      reader.close();
    }
  }
  return run;
}

const mb = (bytes: number): string => (bytes / 1024 / 1024).toFixed(1);

async function main(): Promise<void> {
  const zk = await startBenchZooKeeper();
  const runs = new Map<Kind, Run[]>([['chunked log', []], ['single znode', []]]);
  console.log(`registry writes in ZooKeeper: ${AGENTS} admissions, ${CONCURRENCY} in flight, ${REPS} reps; load ${os.loadavg().map((l) => l.toFixed(2)).join(' ')} on ${os.cpus().length} cores`);
  try {
    for (let rep = 0; rep < REPS; rep++) {
      // Alternate which store goes first, so neither always meets a fresher ZooKeeper.
      const order: Kind[] = rep % 2 === 0 ? ['chunked log', 'single znode'] : ['single znode', 'chunked log'];
      for (const kind of order) {
        const run = await runOnce(zk.connectionString, kind, `/bench-${kind === 'chunked log' ? 'log' : 'single'}-${rep}`);
        runs.get(kind)!.push(run);
        if (SAMPLES) console.log(JSON.stringify({ rep, kind, ...run, steps: undefined }));
      }
    }
  } finally {
    await zk.stop();
  }
  console.log(`load at end ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  console.log('\nstore          | durable | time ms | ZK data MB | ZK writes | registry MB | ends');
  for (const [kind, rs] of runs) {
    const failures = rs.filter((r) => r.failure);
    console.log(
      `${kind.padEnd(14)} | ${String(median(rs.map((r) => r.durable))).padStart(7)} | ${median(rs.map((r) => r.ms)).toFixed(0).padStart(7)} | ` +
        `${mb(median(rs.map((r) => r.bytes))).padStart(10)} | ${String(median(rs.map((r) => r.writes))).padStart(9)} | ${mb(median(rs.map((r) => r.registryBytes))).padStart(11)} | ` +
        (failures.length ? `failed in ${failures.length}/${rs.length}: ${failures[0].failure}` : 'all admitted'),
    );
  }
  console.log('\nper 1,000 durable admissions (median ms / ZK data MB so far):');
  console.log(`durable | ${[...runs.keys()].map((k) => k.padEnd(22)).join(' | ')}`);
  for (let step = 1; step * STEP <= AGENTS; step++) {
    const cells = [...runs.values()].map((rs) => {
      const at = rs.map((r) => r.steps[step - 1]).filter((s): s is { ms: number; bytes: number } => s !== undefined);
      if (at.length < rs.length) return '—'.padEnd(22);
      return `${median(at.map((s) => s.ms)).toFixed(0)} ms / ${mb(median(at.map((s) => s.bytes)))} MB`.padEnd(22);
    });
    console.log(`${String(step * STEP).padStart(7)} | ${cells.join(' | ')}`);
  }
  const reloads = runs.get('chunked log')!.filter((r) => r.reloadMs !== undefined);
  if (reloads.length) {
    console.log(
      `\nchunked log: a new session loads ${reloads[0].reloadAgents} agents in ${median(reloads.map((r) => r.reloadMs!)).toFixed(0)} ms (median), ` +
        `of which reading the znodes ${median(reloads.map((r) => r.reloadReadMs!)).toFixed(0)} ms (the rest: parsing the snapshot, replaying the log)`,
    );
  }
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
