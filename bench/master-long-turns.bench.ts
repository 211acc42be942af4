/**
 * The master's longest turn of the event loop in two operations that grow
 * with the cluster (issue 11), in one process, this build beside another
 * (`--compare DIST`, e.g. the session's base build's `dist`), in rounds that
 * alternate the builds:
 *
 * - `discovery`: the discovery feed's first read, as a watcher makes it
 *   (`openWatch` on a feed nobody read yet, watching a service that has no
 *   endpoint, so the snapshot is empty and the figure is the build of the
 *   index over every running task). Done when the watcher's first event
 *   arrives.
 * - `teardown`: an operator's TEARDOWN of one framework with its share of
 *   the tasks (`teardownFramework`), done when its promise resolves (every
 *   task ended, the framework forgotten). Each round removes another
 *   framework, so `--frameworks` must be at least `--rounds`.
 *
 * Each build gets its own real `Master` (its agent lifecycle, task book,
 * allocator, discovery) holding `--agents` agents that re-registered with
 * `--tasks` running tasks each, over `--frameworks` frameworks, each
 * subscribed again with a sink that counts what it is sent (no encoding, no
 * socket). For each operation: the wall time, the longest turn (the longest
 * gap between two runs of a `setImmediate` chain kept going beside it, which
 * holds any synchronous block), the number of turns, and the process's CPU
 * (user + system, GC threads included).
 *
 * What is real: the master's code from the agent link's `onMessage` and the
 * watch API's `openWatch` / the operator's teardown inward. Simulated: the
 * agents and frameworks (no sockets; what the master sends them is counted
 * and dropped), the clock (a manual one: no timer fires).
 *
 *   npx tsc -b && node --expose-gc dist/bench/master-long-turns.bench.js [--agents 20000] [--tasks 10] [--frameworks 4]
 *       [--rounds 3] [--ops discovery,teardown] [--compare /tmp/meseta-base-S5/dist] [--json]
 */
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { arg, median } from './support/bench-args';

const agentsN = arg('agents', 20000);
const tasksN = arg('tasks', 10);
const frameworksN = arg('frameworks', 4);
const rounds = arg('rounds', 3);
const ops = (() => {
  const i = process.argv.indexOf('--ops');
  return (i >= 0 ? process.argv[i + 1] : 'discovery,teardown').split(',');
})();
const compare = (() => {
  const i = process.argv.indexOf('--compare');
  return i >= 0 ? path.resolve(process.argv[i + 1]) : undefined;
})();
const asJson = process.argv.includes('--json');

/** The modules of one build, loaded from its `dist` (each build its own copies). */
interface Build {
  name: string;
  /* eslint-disable @typescript-eslint/no-explicit-any */
  Master: any;
  DiscoveryFeed: any;
  HierarchicalAllocator: any;
  openWatch: any;
  clock: any;
  log: any;
  wire: any;
  resources: any;
  ids: any;
  master?: any;
  /* eslint-enable @typescript-eslint/no-explicit-any */
}

function load(dist: string, name: string): Build {
  const req = createRequire(path.join(dist, 'master', 'master.js'));
  return {
    name,
    Master: req('./master').Master,
    DiscoveryFeed: req('./discovery/discovery-feed').DiscoveryFeed,
    HierarchicalAllocator: req('./allocator/hierarchical-allocator').HierarchicalAllocator,
    openWatch: req('./discovery/watch-session').openWatch,
    clock: req('@meseta/runtime/clock'),
    log: req('@meseta/runtime/log'),
    wire: req('@meseta/proto/wire'),
    resources: req('@meseta/proto/resource-text'),
    ids: req('@meseta/proto/ids'),
  };
}

function frameworkId(i: number): string {
  return `7d0c5e1a-2b3f-4c6d-8e9f-${String(i).padStart(12, '0')}-0000`;
}

/** A master of build `b` holding the agents and their tasks, every framework subscribed again. */
async function populate(b: Build): Promise<void> {
  const { wire, resources, ids } = b;
  const clock = new b.clock.ManualClock();
  const allocator = new b.HierarchicalAllocator({ clock: () => b.clock.nowSeconds(clock) });
  const master = new b.Master(
    { id: `m-${b.name}`, hostname: '127.0.0.1', port: 5050 },
    {
      offerTimeoutSeconds: 0, agentPingTimeoutSeconds: 15, maxAgentPingTimeouts: 5, agentRemovalTimeoutSeconds: 600,
      frameworkHeartbeatSeconds: 15, allocationIntervalSeconds: 1, agentReregisterTimeoutSeconds: 600,
      maxCompletedTasksPerFramework: 1000, maxStatusesPerTask: 20,
    },
    allocator, clock, b.log.silentLogger,
  );
  const sink = { send(): void {}, close(): void {} };
  const taskResources = resources.parseResources('cpus:0.1;mem:32');
  const agentResources = resources.parseResources('cpus:8;mem:32768');
  const now = Date.now() / 1000;
  for (let a = 0; a < agentsN; a++) {
    const fid = frameworkId(a % frameworksN);
    const tasks = [];
    for (let k = 0; k < tasksN; k++) {
      const taskId = { value: `scale-${a}-${k}` };
      tasks.push({
        name: `scale-job-${k}`, task_id: taskId, framework_id: { value: fid }, state: wire.TaskState.TASK_RUNNING, resources: taskResources,
        statuses: [{ task_id: taskId, state: wire.TaskState.TASK_RUNNING, source: wire.Source.SOURCE_EXECUTOR, timestamp: now, uuid: ids.newUpdateUuid() }],
      });
    }
    const msg = {
      register: {
        agent_info: { id: { value: `3f2a1c9e-5b7d-4e8f-9a0b-${String(a).padStart(12, '0')}-S0` }, hostname: `scale-agent-${a}`, port: 5051, resources: agentResources },
        tasks, frameworks: [{ id: { value: fid }, name: 'scale-bench', user: 'bench', roles: ['*'] }], version: 'simulated-scale',
      },
    };
    const link = master.agentLinkOpened(sink);
    await link.onMessage(wire.pb.AgentToMaster.decode(wire.pb.AgentToMaster.encode(msg).finish()));
    if (a % 2000 === 1999) await turn();
  }
  for (let f = 0; f < frameworksN; f++) {
    const id = frameworkId(f);
    let sent = 0;
    await master.subscribe(
      { type: wire.CallType.SUBSCRIBE, framework_id: { value: id }, subscribe: { framework_info: { id: { value: id }, name: 'scale-bench', user: 'bench', role: '*', failover_timeout: 3600 } } },
      { send: () => void sent++, close: () => undefined },
    );
  }
  await master.settled();
  await turn();
  b.master = master;
}

const turn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

interface Sample {
  build: string;
  op: string;
  round: number;
  wallMs: number;
  longestTurnMs: number;
  turns: number;
  cpuMs: number;
  what: string;
}

/**
 * Run `op` (it calls `done` when finished) from a turn of its own, with a
 * `setImmediate` chain beside it measuring the gaps between its runs.
 */
function measure(op: (done: (what: string) => void) => void): Promise<Omit<Sample, 'build' | 'op' | 'round'>> {
  return new Promise((resolve) => {
    let finished = false;
    let longest = 0;
    let turns = 0;
    let last = 0;
    const tick = (): void => {
      const t = performance.now();
      longest = Math.max(longest, t - last);
      last = t;
      turns++;
      if (!finished) setImmediate(tick);
    };
    setImmediate(() => {
      const cpu0 = process.cpuUsage();
      const t0 = performance.now();
      last = t0;
      setImmediate(tick);
      op((what) => {
        finished = true;
        const wall = performance.now() - t0;
        longest = Math.max(longest, performance.now() - last);
        const cpu = process.cpuUsage(cpu0);
        resolve({ wallMs: wall, longestTurnMs: longest, turns, cpuMs: (cpu.user + cpu.system) / 1000, what });
      });
    });
  });
}

function discovery(b: Build): Promise<Omit<Sample, 'build' | 'op' | 'round'>> {
  const feed = new b.DiscoveryFeed(b.master);
  return measure((done) => {
    let end: (() => void) | undefined;
    let answered = false;
    end = b.openWatch(feed, { service: 'nobody-watches-this' }, undefined, (e: { kind: string }) => {
      if (answered) return;
      answered = true;
      // Finished on the next turn: a first event sent at once leaves `end` unset here (one empty turn more).
      setImmediate(() => {
        const size = feed.index.size;
        end?.();
        feed.stop();
        done(`${e.kind}; ${size} endpoints`);
      });
    });
  });
}

function teardown(b: Build, round: number): Promise<Omit<Sample, 'build' | 'op' | 'round'>> {
  const id = frameworkId(round % frameworksN);
  const tasks = b.master.frameworks.get(id)?.tasks.size ?? 0;
  return measure((done) => {
    void b.master.teardownFramework(id, 'bench').then((ok: boolean) => done(`${ok ? 'removed' : 'unknown'}; ${tasks} tasks`));
  });
}

async function main(): Promise<void> {
  const gc = (globalThis as { gc?: () => void }).gc;
  const builds = [load(path.resolve(__dirname, '..'), 'this')];
  if (compare) builds.push(load(compare, 'compare'));
  const started = Date.now();
  for (const b of builds) {
    const t = performance.now();
    await populate(b);
    gc?.();
    process.stderr.write(`${b.name}: ${agentsN} agents x ${tasksN} tasks over ${frameworksN} frameworks in ${((performance.now() - t) / 1000).toFixed(1)} s\n`);
  }
  const samples: Sample[] = [];
  for (const op of ops) {
    if (op === 'teardown' && rounds > frameworksN) throw new Error(`--rounds ${rounds} > --frameworks ${frameworksN}: each teardown round needs a framework of its own`);
    for (let r = 0; r < rounds; r++) {
      const order = r % 2 === 0 ? builds : [...builds].reverse();
      for (const b of order) {
        gc?.();
        await turn();
        const s = op === 'discovery' ? await discovery(b) : await teardown(b, r);
        samples.push({ build: b.name, op, round: r, ...s });
        process.stderr.write(`${op} round ${r} ${b.name}: wall ${s.wallMs.toFixed(1)} ms, longest turn ${s.longestTurnMs.toFixed(1)} ms, ${s.turns} turns, cpu ${s.cpuMs.toFixed(0)} ms (${s.what})\n`);
      }
    }
  }
  const rows = [];
  for (const op of ops) {
    for (const b of builds) {
      const mine = samples.filter((s) => s.op === op && s.build === b.name);
      rows.push({ op, build: b.name, wallMs: median(mine.map((s) => s.wallMs)), longestTurnMs: median(mine.map((s) => s.longestTurnMs)), turns: median(mine.map((s) => s.turns)), cpuMs: median(mine.map((s) => s.cpuMs)), maxLongestTurnMs: Math.max(...mine.map((s) => s.longestTurnMs)) });
    }
  }
  if (asJson) {
    process.stdout.write(`${JSON.stringify({ agents: agentsN, tasks: tasksN, frameworks: frameworksN, rounds, compare, samples, medians: rows, seconds: (Date.now() - started) / 1000 })}\n`);
  } else {
    process.stdout.write(`${agentsN} agents x ${tasksN} tasks, ${frameworksN} frameworks, ${rounds} rounds (medians)\n`);
    process.stdout.write('| op | build | wall ms | longest turn ms (max) | turns | cpu ms |\n|---|---|---|---|---|---|\n');
    for (const r of rows) process.stdout.write(`| ${r.op} | ${r.build} | ${r.wallMs.toFixed(1)} | ${r.longestTurnMs.toFixed(1)} (${r.maxLongestTurnMs.toFixed(1)}) | ${r.turns} | ${r.cpuMs.toFixed(0)} |\n`);
    if (compare) {
      for (const op of ops) {
        const [a, c] = rows.filter((r) => r.op === op);
        process.stdout.write(`${op} this/compare: wall ${(a.wallMs / c.wallMs).toFixed(2)}x, longest turn ${(a.longestTurnMs / c.longestTurnMs).toFixed(2)}x, cpu ${(a.cpuMs / c.cpuMs).toFixed(2)}x\n`);
      }
    }
  }
  for (const b of builds) b.master?.stop();
}

void main().then(() => process.exit(0), (e) => {
  process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
  process.exit(1);
});
