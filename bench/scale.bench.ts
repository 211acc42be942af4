/**
 * Scale harness: one real `meseta master` process (started as users start it,
 * `node dist/cli/meseta.js master --work-dir DIR`, or `--zk zk://...` against
 * a ZooKeeper started here) and N simulated agents driven from several child
 * processes ("swarms", bench/scale/agent-swarm-process.ts). Each simulated
 * agent speaks the real Agent API (AgentLink.Connect: register with its
 * resources and tasks, heartbeats both ways, re-register with its id and
 * tasks after a failover, with jittered backoff) on a gRPC connection of its
 * own, up to the master's descriptor limit; beyond it agents share
 * connections, and the output says how many share one.
 *
 * For each N it prints: time to register all from cold and per-agent cost,
 * master RSS (/proc/<pid>/status VmRSS and VmHWM), `GET /state` time and size,
 * the master's event-loop delay (p99 and max, from its /metrics histogram,
 * per phase), tasks held, links dropped, and the failover time (master killed
 * by pid with SIGKILL, a new one started on the same work dir or ZooKeeper
 * path, timed until every agent re-registered and `GET /state` knows every
 * task). The machine's load average at start and end is printed too.
 *
 *   npm run build && node dist/bench/scale.bench.js [--agents 1000,5000] [--tasks-per-agent 10]
 *       [--swarms 4] [--zk] [--no-failover] [--state-reads 3] [--phase-timeout 300]
 *       [--max-connections 19000] [--meseta dist/cli/meseta.js] [--client link|http2|grpc-js] [--master-node-args '...']
 *       [--somaxconn 65535] [--json]
 *
 *   --agents            comma-separated cluster sizes, each run on a fresh master (default 1000,5000,
 *                       a few minutes; the issue's curve is 1000,5000,10000,20000,50000)
 *   --tasks-per-agent   tasks each agent reports when it registers (default 10): N × 10 tasks held
 *                       without launching them (they are running tasks of one framework the agents name)
 *   --swarms            child processes driving the agents (default 4)
 *   --zk                keep the registry in a ZooKeeper started for the run (default: a file, --work-dir)
 *   --no-failover       skip the failover phase
 *   --state-reads       `GET /state` reads timed after registration (default 3)
 *   --phase-timeout     seconds any phase may take before the run is cut short and reported so (default 300)
 *   --max-connections   most gRPC connections to the master (default 19000: its soft descriptor limit is
 *                       raised to 20000, the hard limit here, and needs some for itself)
 *   --meseta            the CLI to start (e.g. an older build's dist/cli/meseta.js, to compare)
 *   --client            the simulated agents' AgentLink client: link (default; the light meseta-link/1 framing
 *                       with the real agent's own client, runtime/framed-link-client.ts, as real agents use it
 *                       with a master that offers it), http2 (gRPC: a lean client on Node's http2, same wire
 *                       protocol as grpc-js; for a master that has no light link) or grpc-js (grpc-js's client)
 *   --every-own-heartbeat  the simulated agents send their own heartbeat every interval even right after answering the
 *                       master's ping, as agents did before they skipped it (to run an older build's master beside it)
 *   --master-node-args  options for the master's node, e.g. '--cpu-prof --cpu-prof-dir=/tmp/prof' (written when it stops)
 *                       or '--trace-gc' (its output lands in the master's log, which is kept: see --keep-log)
 *   --somaxconn         raise the kernel's listen-queue cap (net.core.somaxconn, machine-wide) to this for the run and
 *                       put the old value back at the end (also on failure or Ctrl-C); needs root. The master asks for
 *                       a backlog of 65,535 and the kernel caps it at somaxconn (4,096 here by default)
 *   --swarm-nice N      run the swarm processes and the mixed phase's launcher at this niceness (-20..19; e.g. 10): the
 *                       master then gets a core before the simulated agents and the framework do, as it would with them
 *                       on other machines (default: the bench's own). The mixed phase prints how long the master's main
 *                       thread waited for a core either way
 *   --keep-log DIR      copy each master's log (stdout and stderr) into DIR before the temp dir is removed
 *   --json              also print one JSON line per size (for scripts)
 *   --mixed             after the cold start, a mixed phase (bench/scale/mixed-reads.ts): the last --mixed-late share of the
 *                       agents (default 0.1) register (they are held back from the cold start), one framework
 *                       (bench/scale/launcher-process.ts) launches tasks (--mixed-launch-rate ACCEPTs/s, default 50, of
 *                       --mixed-per-accept tasks, default 10), and `/state`, `/metrics` and the UI's event stream
 *                       (`/api/v1/events` to its catch-up delta) are each read again and again by a loop of their own,
 *                       until the late agents registered and each read finished --mixed-reads times (default 2) or the
 *                       phase timed out. Prints the master's event-loop delay during it, links dropped, each read's
 *                       times and size, and the launches. Needs --no-failover
 *
 * Everything started is stopped by pid and every temp dir removed, also on failure or Ctrl-C.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { emptyWaits, zeroCounters, type SwarmCounters, type SwarmWaits } from './scale/simulated-agent';
import { startFleet, swarmNiceFrom, type Fleet } from './scale/swarm-fleet';
import type { SwarmClient } from './scale/agent-swarm-process';
import { cpuMsOf, freePort, mainThreadSchedOf, memoryOf, startMaster, type MasterHandle } from './scale/master-control';
import { delayBetween, parseMetrics, sumOf, type DelaySummary, type MetricValues } from './scale/metrics-text';
import { startZooKeeper, type ZooKeeperServer } from '../test/setup/zookeeper';
import { latencyText, type LatencyCounts } from './scale/latency-buckets';
import { SecondTimeline, machineBusyMs, type TimelineSample } from './scale/second-timeline';
import { startFigures } from './scale/start-log';
import { eventStreamRead, getRead, readSummary, startLauncher, startReadLoop, type Launcher, type ReadLoop } from './scale/mixed-reads';

function flag(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}
const has = (name: string): boolean => process.argv.includes(`--${name}`);
const num = (name: string, fallback: number): number => Number(flag(name) ?? fallback);

const sizes = (flag('agents') ?? '1000,5000').split(',').map(Number);
const tasksPerAgent = num('tasks-per-agent', 10);
const swarmCount = num('swarms', 4);
const useZk = has('zk');
const failover = !has('no-failover');
const stateReads = num('state-reads', 3);
const phaseTimeoutMs = num('phase-timeout', 300) * 1000;
const maxConnections = num('max-connections', 19_000);
const cli = path.resolve(flag('meseta') ?? path.join(__dirname, '..', 'cli', 'meseta.js'));
/** The simulated agents' AgentLink client: the light link (default), the lean HTTP/2 gRPC one, or grpc-js's. */
const swarmClient = (flag('client') ?? 'link') as SwarmClient;
if (!['link', 'http2', 'grpc-js'].includes(swarmClient)) throw new Error(`--client: expected link, http2 or grpc-js, got ${String(swarmClient)}`);
/** Options for the master's node (e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`), split on spaces. */
const masterNodeArgs = (flag('master-node-args') ?? '').split(' ').filter(Boolean);
/** The simulated agents send their own heartbeat every interval, as agents did before they skipped it after answering a ping. */
const everyOwnHeartbeat = has('every-own-heartbeat');
const json = has('json');
const raiseSomaxconn = flag('somaxconn') === undefined ? undefined : Number(flag('somaxconn'));
if (raiseSomaxconn !== undefined && !(Number.isInteger(raiseSomaxconn) && raiseSomaxconn > 0)) throw new Error(`--somaxconn: expected a positive whole number, got ${String(flag('somaxconn'))}`);
const keepLog = flag('keep-log');
/** Niceness of the swarm processes (undefined: as the bench process). */
const swarmNice = swarmNiceFrom(flag('swarm-nice'));
const mixed = has('mixed');
const mixedLate = num('mixed-late', 0.1);
const mixedReads = num('mixed-reads', 2);
const mixedLaunchRate = num('mixed-launch-rate', 50);
const mixedPerAccept = num('mixed-per-accept', 10);
if (mixed && failover) throw new Error('--mixed: add --no-failover (the failover phase counts on every agent being in the first fleet)');
if (mixed && !(mixedLate > 0 && mixedLate < 1)) throw new Error(`--mixed-late: expected a share between 0 and 1, got ${String(flag('mixed-late'))}`);
const NOFILE = 20_000;
const FRAMEWORK_ID = 'scale-bench-framework';

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
const seconds = (ms: number): string => (ms / 1000).toFixed(1);
const mb = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
const loadavg = (): string => os.loadavg().map((l) => l.toFixed(2)).join(' / ');
const delayText = (d: DelaySummary | undefined): string =>
  d ? `p99 ≤ ${d.p99 === Infinity ? '>30' : d.p99 * 1000} ms, max ≤ ${d.maxBound === Infinity ? '>30 000' : d.maxBound * 1000} ms, mean ${(d.mean * 1000).toFixed(1)} ms (${d.samples} samples)` : 'n/a (the master exposes no event-loop delay)';

/**
 * The kernel's count of connections dropped because a listen queue was full
 * (`TcpExt ListenOverflows`, machine-wide), and the queue's cap: above it each
 * dropped SYN costs an agent 1-15 s.
 */
function listenOverflows(): number {
  try {
    const [names, values] = fs.readFileSync('/proc/net/netstat', 'utf8').split('\n').filter((l) => l.startsWith('TcpExt:'));
    return Number(values.split(' ')[names.split(' ').indexOf('ListenOverflows')]);
  } catch {
    return NaN;
  }
}
function somaxconn(): string {
  try {
    return fs.readFileSync('/proc/sys/net/core/somaxconn', 'utf8').trim();
  } catch {
    return 'unknown';
  }
}

const SOMAXCONN = '/proc/sys/net/core/somaxconn';
/** The value to put back when the run raised net.core.somaxconn. */
let somaxconnBefore: string | undefined;
function setSomaxconn(value: string): void {
  try {
    fs.writeFileSync(SOMAXCONN, value);
  } catch (e) {
    throw new Error(`--somaxconn: could not write ${SOMAXCONN} (${(e as Error).message}); run as root, or leave the flag out`);
  }
}
function restoreSomaxconn(): void {
  if (somaxconnBefore === undefined) return;
  setSomaxconn(somaxconnBefore);
  console.log(`net.core.somaxconn put back to ${somaxconnBefore}`);
  somaxconnBefore = undefined;
}

/** `after` − `before`, bucket by bucket. */
function latencySince(after: LatencyCounts, before: LatencyCounts): LatencyCounts {
  return after.map((n, i) => n - (before[i] ?? 0));
}
/** The most frequent failure reasons since `before`, as text. */
function failuresSince(after: SwarmWaits, before: SwarmWaits): string {
  const rows = Object.entries(after.failures)
    .map(([why, n]) => [why, n - (before.failures[why] ?? 0)] as const)
    .filter(([, n]) => n > 0)
    .sort((a, b) => b[1] - a[1]);
  return rows.length === 0 ? 'none' : rows.slice(0, 5).map(([why, n]) => `${n}× ${why}`).join('; ');
}

/** Everything started for one size, so it can all be stopped. */
interface Run {
  dir: string;
  master?: MasterHandle;
  fleet?: Fleet;
  /** The mixed phase's late agents, launcher and read loops. */
  lateFleet?: Fleet;
  launcher?: Launcher;
  loops?: ReadLoop[];
}
const live = new Set<Run>();
let zk: ZooKeeperServer | undefined;

async function cleanup(run: Run): Promise<void> {
  for (const l of run.loops ?? []) await l.stop(0);
  await run.launcher?.stop();
  await run.lateFleet?.stop();
  await run.fleet?.stop();
  await run.master?.stop();
  if (keepLog) {
    fs.mkdirSync(keepLog, { recursive: true });
    const to = path.join(keepLog, `master-${path.basename(run.dir)}.log`);
    try {
      fs.copyFileSync(path.join(run.dir, 'master.log'), to);
      console.log(`  master log kept: ${to}`);
    } catch {
      // no log
    }
  }
  fs.rmSync(run.dir, { recursive: true, force: true });
  live.delete(run);
}

function totals(run: Run): SwarmCounters & { cpuMs: number; rss: number } {
  return run.fleet?.totals() ?? { ...zeroCounters(), cpuMs: 0, rss: 0 };
}

/** Poll until `done` holds or the phase times out; returns the elapsed ms, or undefined on timeout. */
async function until(done: () => boolean | Promise<boolean>, started: number, intervalMs = 100): Promise<number | undefined> {
  while (!(await done())) {
    if (Date.now() - started > phaseTimeoutMs) return undefined;
    await sleep(intervalMs);
  }
  return Date.now() - started;
}

async function scrape(master: MasterHandle): Promise<MetricValues> {
  try {
    const res = await fetch(`http://${master.address}/metrics`, { signal: AbortSignal.timeout(phaseTimeoutMs) });
    return parseMetrics(await res.text());
  } catch {
    return new Map();
  }
}

/** GET /state: ms, bytes, active agents and live tasks in it. */
async function readState(master: MasterHandle): Promise<{ ms: number; bytes: number; agents: number; tasks: number } | undefined> {
  const started = performance.now();
  try {
    const res = await fetch(`http://${master.address}/state`, { signal: AbortSignal.timeout(phaseTimeoutMs) });
    const body = await res.text();
    const ms = performance.now() - started;
    const state = JSON.parse(body) as { agents?: Array<{ status?: string | number }>; tasks?: unknown[] };
    const agents = (state.agents ?? []).filter((a) => a.status === 'ACTIVE' || a.status === 1).length;
    return { ms, bytes: body.length, agents, tasks: (state.tasks ?? []).length };
  } catch (e) {
    // fetch's own message is only "fetch failed": the socket's error is its cause (e.g. "other side closed").
    const cause = (e as Error & { cause?: unknown }).cause;
    console.log(`  GET /state failed: ${(e as Error).message}${cause instanceof Error ? ` (${cause.message}${(cause as NodeJS.ErrnoException).code ? `, ${(cause as NodeJS.ErrnoException).code}` : ''})` : ''}`);
    return undefined;
  }
}

/**
 * Every simulated agent connects from 127.0.0.1, so the master's limit of
 * connections from one address (a guard against one host hogging the
 * master) is raised to its total limit; the only flag the harness adds.
 */
const SAME_HOST_FLAGS = ['--max-connections-per-address', '65536'];

async function masterFlags(dir: string, size: number): Promise<{ flags: string[]; lead: boolean }> {
  if (!useZk) return { flags: ['--work-dir', dir, ...SAME_HOST_FLAGS], lead: false };
  zk ??= await startZooKeeper();
  return { flags: ['--zk', zk.url(`/meseta-scale-${size}-${process.pid}`), '--zk-session-timeout', flag('zk-session-timeout') ?? '10s', ...SAME_HOST_FLAGS], lead: true };
}

async function runSize(n: number): Promise<Record<string, unknown>> {
  const run: Run = { dir: fs.mkdtempSync(path.join(os.tmpdir(), 'meseta-scale-')) };
  live.add(run);
  const result: Record<string, unknown> = { agents: n, tasks: n * tasksPerAgent, registry: useZk ? 'zookeeper' : 'file', loadStart: os.loadavg() };
  try {
    const port = await freePort();
    const { flags, lead } = await masterFlags(run.dir, n);
    const start = (): Promise<MasterHandle> =>
      startMaster({ cli, port, flags, logFile: path.join(run.dir, 'master.log'), nofile: NOFILE, waitForLeadership: lead, timeoutMs: phaseTimeoutMs, nodeArgs: masterNodeArgs });
    run.master = await start();
    const connections = Math.min(n, maxConnections);
    const share = Math.ceil(n / connections);
    result.connections = connections;
    console.log(`\n== ${n} agents × ${tasksPerAgent} tasks, registry in ${useZk ? 'ZooKeeper' : 'a file'}; load average ${loadavg()} ==`);
    console.log(
      share === 1
        ? `  every agent on its own connection (${connections} connections from ${swarmCount} swarm processes)`
        : `  ${n} agents share ${connections} connections: up to ${share} agents' streams on one connection (the master's descriptor limit is ${NOFILE})`,
    );
    const m0 = await scrape(run.master);

    // Phase 1: register every agent from cold. The swarm processes load first; the clock starts when all are ready.
    // With --mixed the last share is held back for the mixed phase.
    const late = mixed ? Math.max(1, Math.round(n * mixedLate)) : 0;
    const cold = n - late;
    run.fleet = await startFleet({
      master: run.master.address, agents: cold, tasksPerAgent, frameworkId: FRAMEWORK_ID, swarms: swarmCount,
      // the late agents get their share of the connections (the descriptor limit holds for all together)
      maxConnections: late > 0 ? Math.max(1, maxConnections - lateConnections(n, late)) : maxConnections, client: swarmClient, everyOwnHeartbeat,
      nice: swarmNice,
    });
    const started = Date.now();
    const cpu0 = cpuMsOf(run.master.pid);
    const overflows0 = listenOverflows();
    // Milestones of the cold start: when half, 90 % and 99 % were registered, and how many were at 60 s (the target).
    const marks = new Map<number, number>();
    let at60: number | undefined;
    const registerMs = await until(() => {
      const registered = totals(run).registered;
      const elapsed = Date.now() - started;
      for (const f of [0.5, 0.9, 0.99]) if (!marks.has(f) && registered >= f * cold) marks.set(f, elapsed);
      if (at60 === undefined && elapsed >= 60_000) at60 = registered;
      return registered >= cold;
    }, started);
    if (late > 0) console.log(`  (--mixed: ${cold} agents from cold, ${late} held back for the mixed phase)`);
    result.registeredAt60s = at60 ?? (registerMs !== undefined ? cold : undefined);
    result.registerMilestonesSeconds = Object.fromEntries([...marks].map(([f, ms]) => [`${f * 100}%`, ms / 1000]));
    const afterRegister = totals(run);
    const m1 = await scrape(run.master);
    const mem1 = memoryOf(run.master.pid);
    const registerCpu = cpuMsOf(run.master.pid) - cpu0;
    result.registerSeconds = registerMs === undefined ? null : registerMs / 1000;
    result.registerDelay = delayBetween(m0, m1);
    result.rssAfterRegister = mem1.rss;
    console.log(
      registerMs === undefined
        ? `  register from cold: NOT DONE within ${seconds(phaseTimeoutMs)} s (${afterRegister.registered} of ${cold} registered)`
        : `  register from cold: ${seconds(registerMs)} s (${((registerMs * 1000) / cold).toFixed(0)} µs of wall per agent; master CPU ${seconds(registerCpu)} s = ${((registerCpu * 1000) / cold).toFixed(0)} µs per agent)`,
    );
    console.log(
      `    registered: ${[...marks].map(([f, ms]) => `${f * 100} % after ${seconds(ms)} s`).join(', ') || 'not half'}; at 60 s: ${result.registeredAt60s ?? '-'} of ${cold}`,
    );
    console.log(`    attempts ${afterRegister.attempts}, registration timeouts ${afterRegister.timeouts}, refused ${afterRegister.refused}, links dropped ${afterRegister.dropped}`);
    const waits1 = run.fleet.waits();
    result.registersPerAgent = afterRegister.attempts / cold;
    result.masterCpuMsPerAgent = registerCpu / cold;
    result.streamsFailedBeforeRegistered = afterRegister.failedBeforeRegistered;
    result.admissionLatencyMs = waits1.admission;
    result.registrationLatencyMs = waits1.registration;
    console.log(`    registers sent per agent ${(afterRegister.attempts / cold).toFixed(2)}; streams failed before registered ${afterRegister.failedBeforeRegistered} (${failuresSince(waits1, emptyWaits())})`);
    console.log(`    register → registered on one stream (connecting included): ${latencyText(waits1.admission)}`);
    console.log(`    agent start → registered (resends and new streams included): ${latencyText(waits1.registration)}`);
    result.listenOverflowsWhileRegistering = listenOverflows() - overflows0;
    result.somaxconn = somaxconn();
    console.log(`    listen-queue overflows meanwhile (kernel, machine-wide): ${result.listenOverflowsWhileRegistering}; net.core.somaxconn ${String(result.somaxconn)}`);
    console.log(`    master event-loop delay while registering: ${delayText(result.registerDelay as DelaySummary | undefined)}`);
    console.log(`    master RSS ${mb(mem1.rss)} (peak ${mb(mem1.peak)}); tasks held (per /metrics): ${sumOf(m1, 'meseta_master_tasks')}`);
    if (registerMs === undefined) return result;

    // Phase 2: read /state while the agents heartbeat.
    const stateTimes: number[] = [];
    const dropped0 = totals(run).dropped;
    const stateCpu: number[] = [];
    for (let i = 0; i < stateReads; i++) {
      const cpuBefore = cpuMsOf(run.master.pid);
      const s = await readState(run.master);
      if (!s) break;
      stateTimes.push(s.ms);
      // The master's CPU while the read ran (the agents' heartbeats meanwhile included).
      stateCpu.push(cpuMsOf(run.master.pid) - cpuBefore);
      console.log(`  GET /state: ${s.ms.toFixed(0)} ms, ${mb(s.bytes)}, ${s.agents} active agents, ${s.tasks} tasks; master CPU meanwhile ${stateCpu[stateCpu.length - 1].toFixed(0)} ms`);
    }
    result.stateMasterCpuMs = stateCpu;
    await sleep(2000); // a link a stall broke is seen as dropped by its stream ending; give the last ones a moment
    const m2 = await scrape(run.master);
    const mem2 = memoryOf(run.master.pid);
    result.stateMs = stateTimes;
    result.stateDelay = delayBetween(m1, m2);
    result.droppedDuringState = totals(run).dropped - dropped0;
    result.rssWithState = mem2.rss;
    console.log(`    master event-loop delay during the /state reads: ${delayText(result.stateDelay as DelaySummary | undefined)}`);
    console.log(`    links dropped meanwhile: ${result.droppedDuringState}; master RSS ${mb(mem2.rss)} (peak ${mb(mem2.peak)})`);
    result.droppedBeforeFailover = totals(run).dropped;

    if (mixed) Object.assign(result, await mixedPhase(run, n, late, m2));

    // Phase 3: failover: kill the master, start a new one on the same registry.
    if (failover) {
      const before = totals(run);
      const waitsBefore = run.fleet.waits();
      const killedAt = Date.now();
      const overflows3 = listenOverflows();
      await run.master.kill();
      const killMs = Date.now() - killedAt;
      run.master = await start();
      const listeningMs = Date.now() - killedAt;
      const cpu3 = cpuMsOf(run.master.pid);
      // Not awaited here: a master busy with the re-registration storm answers /metrics late, and the clocks below start now.
      const m3Read = scrape(run.master);
      // Per second after the new master listened: agents back, the master's, the swarms' and the machine's CPU.
      const sampleNow = (): TimelineSample => {
        const t = totals(run);
        return { back: t.registrations - before.registrations, masterCpuMs: cpuMsOf(run.master!.pid), swarmCpuMs: t.cpuMs, machineBusyMs: machineBusyMs() };
      };
      const listenedAt = Date.now();
      const timeline = new SecondTimeline(listenedAt, { ...sampleNow(), back: 0 });
      const allBackMs = await until(() => {
        timeline.sample(Date.now(), sampleNow());
        const t = totals(run);
        return t.registered >= n && t.registrations - before.registrations >= n;
      }, killedAt);
      const reregisterCpuMs = cpuMsOf(run.master.pid) - cpu3;
      // The new master's own account of its start (uptimes, recovery_ms, links held; read now, once its log lines are
      // written), and its CPU when it listened (led).
      const newStart = startFigures(fs.readFileSync(path.join(run.dir, 'master.log'), 'utf8'));
      result.failoverKillMs = killMs;
      result.failoverStart = { ...newStart, cpuAtLeadingMs: cpu3 };
      const m3 = await m3Read;
      let fullMs: number | undefined;
      let last: Awaited<ReturnType<typeof readState>>;
      if (allBackMs !== undefined) {
        fullMs = await until(async () => {
          last = await readState(run.master!);
          return !!last && last.agents >= n && last.tasks >= n * tasksPerAgent;
        }, killedAt, 500);
      }
      const after = totals(run);
      const m4 = await scrape(run.master);
      const mem4 = memoryOf(run.master.pid);
      result.failoverListeningSeconds = listeningMs / 1000;
      result.failoverAgentsBackSeconds = allBackMs === undefined ? null : allBackMs / 1000;
      result.failoverFullSeconds = fullMs === undefined ? null : fullMs / 1000;
      result.failoverDelay = delayBetween(m3, m4);
      result.listenOverflowsInFailover = listenOverflows() - overflows3;
      result.rssAfterFailover = mem4.rss;
      console.log(`  failover (SIGKILL, new master on the same ${useZk ? 'ZooKeeper path' : 'work dir'}): listening after ${seconds(listeningMs)} s`);
      console.log(
        `    the old master gone after ${killMs} ms; the new one: port bound at ${newStart.boundMs ?? '-'} ms of its uptime, led at ${newStart.startedMs ?? '-'} ms (recovery_ms ${newStart.recoveryMs ?? '-'}, ${newStart.linksHeld ?? '-'} links held), ${cpu3} ms of CPU then`,
      );
      console.log(
        allBackMs === undefined
          ? `    NOT every agent re-registered within ${seconds(phaseTimeoutMs)} s (${after.registered} of ${n})`
          : `    every agent re-registered after ${seconds(allBackMs)} s; /state with every agent and task after ${fullMs === undefined ? 'NOT within the phase timeout' : `${seconds(fullMs)} s`}`,
      );
      console.log(
        `    re-register attempts ${after.attempts - before.attempts}, registration timeouts ${after.timeouts - before.timeouts}, refused ${after.refused - before.refused}; master CPU ${seconds(cpuMsOf(run.master.pid) - cpu3)} s; listen-queue overflows ${String(result.listenOverflowsInFailover)}`,
      );
      const waitsAfter = run.fleet.waits();
      result.failoverRegistersPerAgent = (after.attempts - before.attempts) / n;
      result.failoverMasterCpuMs = cpuMsOf(run.master.pid) - cpu3;
      result.failoverRegistrationLatencyMs = latencySince(waitsAfter.registration, waitsBefore.registration);
      result.failoverReregisterCpuMs = reregisterCpuMs;
      const perSecond = timeline.seconds();
      result.failoverTimeline = perSecond.map((r) => [Math.round(r.back), Math.round(r.masterCpuMs), Math.round(r.swarmCpuMs), Math.round(r.machineBusyMs)]);
      console.log(`    master CPU from listening until every agent was back: ${seconds(reregisterCpuMs)} s = ${((reregisterCpuMs * 1000) / n).toFixed(0)} µs per agent (/state polling after it not counted)`);
      console.log('    per second after listening: agents back / master CPU ms / swarms CPU ms / machine busy CPU ms (of 1000 per core):');
      for (let i = 0; i < perSecond.length; i += 10) {
        console.log(`      ${String(i).padStart(3)} s: ${perSecond.slice(i, i + 10).map((r) => `${Math.round(r.back)}/${Math.round(r.masterCpuMs)}/${Math.round(r.swarmCpuMs)}/${Math.round(r.machineBusyMs)}`).join('  ')}`);
      }
      console.log(`    registers sent per agent ${((after.attempts - before.attempts) / n).toFixed(2)}; streams failed before registered ${after.failedBeforeRegistered - before.failedBeforeRegistered} (${failuresSince(waitsAfter, waitsBefore)})`);
      console.log(`    register → registered on one stream: ${latencyText(latencySince(waitsAfter.admission, waitsBefore.admission))}`);
      console.log(`    link lost → registered again: ${latencyText(result.failoverRegistrationLatencyMs as LatencyCounts)}`);
      console.log(`    new master's event-loop delay until full state: ${delayText(result.failoverDelay as DelaySummary | undefined)}; RSS ${mb(mem4.rss)} (peak ${mb(mem4.peak)})`);
    }
    const t = totals(run);
    console.log(`  swarm processes: CPU ${seconds(t.cpuMs)} s in all, RSS ${mb(t.rss)} in all; heartbeats sent ${t.heartbeats}`);
  } finally {
    result.loadEnd = os.loadavg();
    await cleanup(run);
  }
  return result;
}

/** Connections the mixed phase's late agents get: their share of --max-connections. */
const lateConnections = (n: number, late: number): number => Math.max(1, Math.min(late, Math.round((maxConnections * late) / n)));

/**
 * The mixed phase: the late agents register, the launcher launches and the
 * three read loops read, all at once; returns its figures for the JSON line.
 */
async function mixedPhase(run: Run, n: number, late: number, before: MetricValues): Promise<Record<string, unknown>> {
  const master = run.master!;
  const dropped0 = run.fleet!.totals().dropped;
  const cpu0 = cpuMsOf(master.pid);
  const sched0 = mainThreadSchedOf(master.pid);
  const started = Date.now();
  console.log(`  mixed phase: ${late} agents registering, tasks launching (${mixedLaunchRate} ACCEPTs/s × ${mixedPerAccept}), /state, /metrics and /api/v1/events read in loops; load average ${loadavg()}`);
  run.launcher = await startLauncher({ master: master.address, rate: mixedLaunchRate, perAccept: mixedPerAccept, prefix: 'mixed' }, swarmNice);
  run.loops = [getRead('/state'), getRead('/metrics'), eventStreamRead].map((r) => startReadLoop(master.address, r, phaseTimeoutMs));
  run.lateFleet = await startFleet({
    master: master.address, agents: late, tasksPerAgent, frameworkId: FRAMEWORK_ID, swarms: Math.min(2, swarmCount), maxConnections: lateConnections(n, late), client: swarmClient, firstAgent: n - late, everyOwnHeartbeat,
  });
  const lateStarted = Date.now();
  const lateMs = await until(() => run.lateFleet!.totals().registered >= late, lateStarted);
  const readsMs = await until(() => run.loops!.every((l) => l.samples.filter((s) => !s.error).length >= mixedReads), started, 500);
  const m = await scrape(master);
  const elapsed = Date.now() - started;
  const cpu = cpuMsOf(master.pid) - cpu0;
  const sched1 = mainThreadSchedOf(master.pid);
  const mainRanMs = sched1.ranMs - sched0.ranMs;
  const mainWaitedMs = sched1.waitedMs - sched0.waitedMs;
  for (const l of run.loops) await l.stop(5_000);
  const launched = await run.launcher.stop();
  await sleep(2000); // links a stall broke are seen as dropped when their stream ends
  const dropped = run.fleet!.totals().dropped - dropped0 + run.lateFleet.totals().dropped;
  const lateTotals = run.lateFleet.totals();
  const delay = delayBetween(before, m);
  const mem = memoryOf(master.pid);
  console.log(
    lateMs === undefined
      ? `    late agents: NOT all registered within ${seconds(phaseTimeoutMs)} s (${lateTotals.registered} of ${late})`
      : `    late agents: all ${late} registered after ${seconds(lateMs)} s (registers sent per agent ${(lateTotals.attempts / late).toFixed(2)}, registration timeouts ${lateTotals.timeouts})`,
  );
  console.log(`    reads: ${readsMs === undefined ? `NOT each ${mixedReads}× within the phase timeout` : `each done ${mixedReads}× or more`}; phase ${seconds(elapsed)} s; master CPU ${seconds(cpu)} s (${((cpu / elapsed) * 100).toFixed(0)} % of a core)`);
  console.log(`    master's main thread: ran ${seconds(mainRanMs)} s, waited for a core ${seconds(mainWaitedMs)} s (${((mainWaitedMs / elapsed) * 100).toFixed(0)} % of the phase: the other processes on this machine had the cores)`);
  const reads: Record<string, unknown> = {};
  for (const l of run.loops) {
    const r = readSummary(l.samples);
    reads[l.name] = { ...r, ms: l.samples.map((s) => Math.round(s.ms)) };
    console.log(
      `    ${l.name}: ${r.reads} reads (${r.failed} failed${r.firstError ? `: ${r.firstError}` : ''}), median ${r.medianMs.toFixed(0)} ms, max ${r.maxMs.toFixed(0)} ms, ${mb(r.lastBytes)}${r.medianFirstMessageMs !== undefined ? `; first message after ${r.medianFirstMessageMs.toFixed(0)} ms (median)` : ''}${r.newConnectionMs.length ? `; on a connection it opened (waited in the accept queue): ${r.newConnectionMs.join(', ')} ms` : ''}; each: ${l.samples.map((s) => `${s.ms.toFixed(0)}${s.error ? '!' : ''}`).join(', ')} ms`,
    );
  }
  console.log(
    `    launcher: subscribed ${launched.subscribed}, offers ${launched.offersReceived} (${launched.declined} declined for 10 min), ACCEPTs ${launched.accepts} (${launched.failedAccepts} failed${launched.firstFailure ? `: ${launched.firstFailure}` : ''}), tasks sent ${launched.tasksSent}, TASK_RUNNING ${launched.running}, refused or lost ${launched.refused}${launched.firstRefusal ? ` (${launched.firstRefusal})` : ''}`,
  );
  console.log(`    **master event-loop delay during the mixed phase: ${delayText(delay)}**; links dropped ${dropped}; master RSS ${mb(mem.rss)} (peak ${mb(mem.peak)})`);
  return {
    mixedSeconds: elapsed / 1000, mixedLateRegisterSeconds: lateMs === undefined ? null : lateMs / 1000, mixedDelay: delay, mixedDropped: dropped, mixedMasterCpuMs: cpu, mixedMainThreadRanMs: mainRanMs, mixedMainThreadWaitedMs: mainWaitedMs, mixedReads: reads, mixedLauncher: launched, mixedRss: mem.rss,
  };
}

async function main(): Promise<void> {
  if (raiseSomaxconn !== undefined) {
    somaxconnBefore = somaxconn();
    setSomaxconn(String(raiseSomaxconn));
    console.log(`net.core.somaxconn raised from ${somaxconnBefore} to ${raiseSomaxconn} for this run (machine-wide; put back at the end)`);
  }
  console.log(`scale bench: ${cli}; sizes ${sizes.join(', ')}; ${swarmCount} swarm processes (${swarmClient} client${swarmNice === undefined ? '' : `, nice ${swarmNice}`}); Node ${process.version}; ${os.cpus().length} cores; load average ${loadavg()} (1 / 5 / 15 min)`);
  const results: Array<Record<string, unknown>> = [];
  try {
    for (const n of sizes) {
      const r = await runSize(n);
      results.push(r);
      if (json) console.log(JSON.stringify(r));
    }
  } finally {
    await zk?.stop();
    restoreSomaxconn();
  }
  console.log(`\nload average at the end ${loadavg()}`);
  console.log('\n| agents | tasks | connections | register all | µs/agent | RSS | GET /state (ms) | ELD p99 reg / state | dropped | failover: agents back / full state |');
  console.log('|---|---|---|---|---|---|---|---|---|---|');
  const s = (v: unknown): string => (typeof v === 'number' ? `${v.toFixed(1)} s` : 'not done');
  const d = (v: unknown): string => {
    const x = v as DelaySummary | undefined;
    return x ? (x.p99 === Infinity ? '>30 s' : `≤${x.p99 * 1000} ms`) : 'n/a';
  };
  for (const r of results) {
    const reg = r.registerSeconds as number | null;
    console.log(
      `| ${r.agents} | ${r.tasks} | ${r.connections} | ${s(reg)} | ${reg ? ((reg * 1e6) / (r.agents as number)).toFixed(0) : '-'} | ${mb((r.rssWithState ?? r.rssAfterRegister ?? 0) as number)} | ${((r.stateMs as number[] | undefined) ?? []).map((x) => x.toFixed(0)).join(', ')} | ${d(r.registerDelay)} / ${d(r.stateDelay)} | ${r.droppedBeforeFailover ?? '-'} | ${failover ? `${s(r.failoverAgentsBackSeconds)} / ${s(r.failoverFullSeconds)}` : 'skipped'} |`,
    );
  }
}

const stopAll = async (): Promise<void> => {
  for (const run of live) await cleanup(run);
  await zk?.stop();
  restoreSomaxconn();
};
process.on('SIGINT', () => void stopAll().then(() => process.exit(130)));
process.on('SIGTERM', () => void stopAll().then(() => process.exit(143)));
main().catch(async (e) => {
  console.error(e);
  await stopAll();
  process.exit(1);
});
