/**
 * A new leader's start alone: `meseta master` started through the CLI on a
 * registry file of N agents (shaped as the scale harness's: `scale-agent-<i>`,
 * `cpus:16;mem:65536;disk:500000;ports:[31000-32000]`), with no agent
 * connecting, timed from spawn to leading. Tells the master's own start-up
 * and registry load (its CPU) from what a failover run adds to it (the
 * reconnecting agents, and the simulated agents' processes on the same cores).
 *
 *   npm run build && node dist/bench/registry-load.bench.js [--agents 40000] [--rounds 3]
 *       [--meseta CLI] [--compare-meseta CLI] [--master-node-args '...']
 *
 * With --compare-meseta the rounds alternate between the two CLIs (same registry bytes).
 * Per round: the port bound and the master started (its own `process_uptime_ms`),
 * `recovery_ms`, the wall time from spawn to `listening on` and the process's CPU then.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseResources } from '@meseta/proto/resource-text';
import { emptyRegistry, serializeRegistry } from '../master/registry/registry-state';
import { cpuMsOf, freePort, startMaster } from './scale/master-control';
import { startFigures } from './scale/start-log';

function flag(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const sizes = (flag('agents') ?? '40000').split(',').map(Number);
const rounds = Number(flag('rounds') ?? 3);
const nodeArgs = (flag('master-node-args') ?? '').split(' ').filter(Boolean);
const clis = [flag('meseta') ?? path.join(__dirname, '..', 'cli', 'meseta.js'), ...(flag('compare-meseta') ? [flag('compare-meseta')!] : [])].map((c) => path.resolve(c));
for (const n of sizes) if (!(Number.isInteger(n) && n > 0)) throw new Error(`--agents: expected positive whole numbers, got ${String(flag('agents'))}`);
if (!(Number.isInteger(rounds) && rounds > 0)) throw new Error(`--rounds: expected a positive whole number, got ${String(flag('rounds'))}`);

/** A snapshot of `n` admitted agents, as the scale harness's agents leave one. */
function registryOf(n: number): Buffer {
  const state = emptyRegistry();
  state.logGeneration = 1;
  const resources = parseResources('cpus:16;mem:65536;disk:500000;ports:[31000-32000]');
  const since = Math.floor(Date.now() / 1000);
  for (let i = 0; i < n; i++) {
    const id = `f3b1e5a0-0000-4000-8000-${String(i).padStart(12, '0')}-S${i}`;
    state.agents.set(id, { id, status: 'ADMITTED', since, info: { id: { value: id }, hostname: `scale-agent-${i}`, port: 5051, resources } });
  }
  return serializeRegistry(state);
}

interface Round {
  cli: string;
  wallMs: number;
  cpuMs: number;
  boundMs?: number;
  startedMs?: number;
  recoveryMs?: number;
}

async function once(cli: string, registry: Buffer): Promise<Round> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'meseta-registry-load-'));
  try {
    fs.writeFileSync(path.join(dir, 'registry.json'), registry);
    const logFile = path.join(dir, 'master.log');
    const t0 = Date.now();
    const master = await startMaster({ cli, port: await freePort(), flags: ['--work-dir', dir], logFile, nofile: 20_000, waitForLeadership: false, timeoutMs: 300_000, nodeArgs });
    const wallMs = Date.now() - t0;
    const cpuMs = cpuMsOf(master.pid);
    await master.stop();
    return { cli, wallMs, cpuMs, ...startFigures(fs.readFileSync(logFile, 'utf8')) };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const median = (xs: Array<number | undefined>): string => {
  const v = xs.filter((x): x is number => x !== undefined).sort((a, b) => a - b);
  return v.length === 0 ? '-' : String(v[Math.floor(v.length / 2)]);
};

async function main(): Promise<void> {
  const load = (): string => fs.readFileSync('/proc/loadavg', 'utf8').trim();
  console.log(`registry-load bench: ${clis.join(' vs ')}; Node ${process.version}; ${os.cpus().length} cores; load average before ${load()}`);
  for (const n of sizes) {
    const registry = registryOf(n);
    console.log(`\n== ${n} agents in the registry (${(registry.length / 1e6).toFixed(1)} MB snapshot), no agent connecting ==`);
    console.log('| build | round | spawn → listening (wall) | master CPU then | port bound (uptime) | master started (uptime) | recovery_ms |');
    console.log('|---|---|---|---|---|---|---|');
    const all: Round[] = [];
    for (let r = 0; r < rounds; r++) {
      for (const cli of r % 2 === 0 ? clis : [...clis].reverse()) {
        const x = await once(cli, registry);
        all.push(x);
        console.log(`| ${cli} | ${r + 1} | ${x.wallMs} ms | ${x.cpuMs} ms | ${x.boundMs ?? '-'} ms | ${x.startedMs ?? '-'} ms | ${x.recoveryMs ?? '-'} |`);
      }
    }
    for (const cli of clis) {
      const mine = all.filter((x) => x.cli === cli);
      console.log(`  median ${cli}: wall ${median(mine.map((x) => x.wallMs))} ms, CPU ${median(mine.map((x) => x.cpuMs))} ms, bound ${median(mine.map((x) => x.boundMs))} ms, started ${median(mine.map((x) => x.startedMs))} ms, recovery_ms ${median(mine.map((x) => x.recoveryMs))}`);
    }
  }
  console.log(`\nload average after ${load()}`);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
