/**
 * Time to the web UI's painted overview for a big cluster, in headless
 * Chromium, against a real `meseta master` started through the CLI as users
 * start it (bench/scale/master-control.ts; registry in a file, no
 * credentials: the master is open, so the UI needs no login).
 *
 * The cluster: N simulated agents driven from child processes
 * (bench/scale/swarm-fleet.ts, the scale harness's swarms), each on an HTTP/2
 * connection of its own up to `--max-connections` (beyond that the output says
 * how many share one). Each agent speaks the real Agent API and reports 10
 * running tasks of one framework when it registers, so N agents hold N × 10
 * tasks without launching anything (no framework is subscribed; the tasks'
 * framework is known to the master only through them).
 *
 * Each round opens `http://<master>/#/` in a new page and reads the UI's own
 * performance marks (master/webui/src/live.ts, app.tsx), ms since navigation:
 *   connecting         the page's script ran and opened the event stream
 *   snapshot received  the stream's first message (everything but offer and task rows) arrived
 *   snapshot applied   parsed and loaded into the store
 *   overview painted   the overview with the data on screen (the figure that counts, goal ≤ 2 s)
 *   tasks loaded       every task row arrived (packed chunks; the Tasks page needs them)
 * The master keeps the first message's agent rows between page loads
 * (master/http-ui-row-cache.ts): round 1, the first page after the agents
 * registered, builds them all; later rounds rebuild only changed ones. Round 1
 * is printed beside the median.
 * It also reads, from the master's /metrics, its event-loop delay during each page load
 * (`meseta_master_event_loop_delay_seconds`). It prints medians, the master's
 * RSS, the load average, and, after the last round, the Tasks page drawn
 * with every row and a search. Then, one after another, the big reads at that
 * size (`/state`, `/master/state`, `/master/state-summary`, `/metrics`, `/metrics/snapshot`, the Mesos
 * operator API's GET_STATE, GET_TASKS and GET_AGENTS, the UI's event stream
 * from its first byte to its catch-up delta, `/api/v1/snapshot`), each with
 * its time, size, the master's event-loop delay while it ran and the agent
 * links dropped meanwhile.
 *
 *   npm run build && node dist/bench/webui-overview.bench.js [--agents 5000] [--rounds 5]
 *       [--tasks-per-agent 10] [--swarms 4] [--max-connections 19000] [--phase-timeout 300]
 *       [--master-node-args '--cpu-prof --cpu-prof-dir=/tmp/prof'] [--windows-file /tmp/windows.json] [--meseta dist/cli/meseta.js]
 *
 *   --agents            comma-separated sizes, each on a fresh master (default 5000; the issue's: 10000,50000)
 *   --master-node-args  options for the master's node; with --cpu-prof the profile is written when it stops
 *   --no-big-reads      skip the big reads after the page loads (they take minutes at 50,000 agents)
 *   --windows-file      write each page load's [start, end] on the monotonic clock (µs), the clock of a V8
 *                       CPU profile's samples, so bench/webui-profile.ts can keep only the page loads' samples
 *
 * Everything started (master, swarms, Chromium and its profile dir, the work
 * dir) is stopped by pid or removed, also on failure or Ctrl-C.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { launchChromium, type BrowserSession } from '../test/browser/support/chromium';
import { median } from './support/bench-args';
import { freePort, memoryOf, startMaster, type MasterHandle } from './scale/master-control';
import { delayBetween, parseMetrics, sumOf, type DelaySummary, type MetricValues } from './scale/metrics-text';
import { startFleet, type Fleet } from './scale/swarm-fleet';

function flag(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}
const num = (name: string, fallback: number): number => Number(flag(name) ?? fallback);

const sizes = (flag('agents') ?? '5000').split(',').map(Number);
const rounds = num('rounds', 5);
const tasksPerAgent = num('tasks-per-agent', 10);
const swarmCount = num('swarms', 4);
const maxConnections = num('max-connections', 19_000);
const phaseTimeoutMs = num('phase-timeout', 300) * 1000;
const masterNodeArgs = (flag('master-node-args') ?? '').split(' ').filter(Boolean);
/** Where to write the page loads' windows on the monotonic clock (µs, as a V8 CPU profile's timestamps), to cut a master profile to them. */
const windowsFile = flag('windows-file');
const windows: Array<{ agents: number; round: number; startMicros: number; endMicros: number }> = [];
const monotonicMicros = (): number => Number(process.hrtime.bigint() / 1000n);
const bigReads = !process.argv.includes('--no-big-reads');
const cli = path.resolve(flag('meseta') ?? path.join(__dirname, '..', 'cli', 'meseta.js'));
const NOFILE = 20_000;
const FRAMEWORK_ID = 'webui-bench-framework';
/** Every simulated agent connects from 127.0.0.1: the master's per-address connection limit is raised (as in scale.bench.ts). */
const SAME_HOST_FLAGS = ['--max-connections-per-address', '65536'];

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
const mb = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
const loadavg = (): string => os.loadavg().map((l) => l.toFixed(2)).join(' / ');
const ms = (x: number): string => `${x.toFixed(0)} ms`;
const delayText = (d: DelaySummary | undefined): string =>
  d ? `p99 ≤ ${d.p99 === Infinity ? '>30 000' : d.p99 * 1000} ms, max ≤ ${d.maxBound === Infinity ? '>30 000' : d.maxBound * 1000} ms, mean ${(d.mean * 1000).toFixed(1)} ms` : 'n/a';

interface Marks {
  connecting: number;
  /** Every agent row loaded (-1: not yet when the task rows were). */
  agents: number;
  received: number;
  applied: number;
  rendered: number;
  tasks: number;
  agentsTile: string;
}

interface Round extends Marks {
  delay?: DelaySummary;
}

/** Everything one size started. */
interface Run {
  dir: string;
  master?: MasterHandle;
  fleet?: Fleet;
  browser?: BrowserSession;
}
const live = new Set<Run>();

async function cleanup(run: Run): Promise<void> {
  await run.browser?.close();
  await run.fleet?.stop();
  await run.master?.stop();
  fs.rmSync(run.dir, { recursive: true, force: true });
  live.delete(run);
}

async function scrape(master: MasterHandle): Promise<MetricValues> {
  try {
    const res = await fetch(`http://${master.address}/metrics`, { signal: AbortSignal.timeout(phaseTimeoutMs) });
    return parseMetrics(await res.text());
  } catch {
    return new Map();
  }
}

/** Poll until `done` holds or the phase times out; the elapsed ms, or undefined on timeout. */
async function until(done: () => boolean | Promise<boolean>, started: number, intervalMs = 200): Promise<number | undefined> {
  while (!(await done())) {
    if (Date.now() - started > phaseTimeoutMs) return undefined;
    await sleep(intervalMs);
  }
  return Date.now() - started;
}

const READ_MARKS = `({
  agents: performance.getEntriesByName('meseta:agents-loaded')[0]?.startTime ?? -1,
  connecting: performance.getEntriesByName('meseta:connecting')[0].startTime,
  received: performance.getEntriesByName('meseta:snapshot-received')[0].startTime,
  applied: performance.getEntriesByName('meseta:snapshot-applied')[0].startTime,
  rendered: performance.getEntriesByName('meseta:first-render')[0].startTime,
  tasks: performance.getEntriesByName('meseta:tasks-loaded')[0].startTime,
  agentsTile: document.querySelector('[data-tile="agents"] .value')?.textContent ?? '',
})`;

/** After the last round: the Tasks page with every row, then a search; returns a line to print. */
async function tasksPage(run: Run, page: import('playwright-core').Page, n: number): Promise<string> {
  const dir = path.join(__dirname, '..', '..', 'test-artifacts', 'screenshots');
  fs.mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: path.join(dir, `bench-overview-${n}.png`) });
  const drawn = await page.evaluate<number>(`(async () => {
    const started = performance.now();
    location.hash = '#/tasks?state=all';
    while (!document.querySelector('[data-table="tasks"] tbody tr:not(.spacer) a')) await new Promise((r) => requestAnimationFrame(r));
    return performance.now() - started;
  })()`);
  const search = page.locator('input[aria-label="Search tasks"]');
  await search.waitFor();
  const searchStarted = Date.now();
  // Every agent reports tasks named scale-job-0 … scale-job-9: one task per agent matches.
  await search.fill('scale-job-7');
  let searchText = 'not answered within 60 s';
  try {
    await page.waitForFunction(`document.querySelector('.card-head .count')?.textContent === '${n.toLocaleString('en')} shown'`, undefined, { timeout: 60_000, polling: 'raf' });
    searchText = `answered in ${Date.now() - searchStarted} ms`;
  } catch {
    // reported as not answered
  }
  await page.screenshot({ path: path.join(dir, `bench-tasks-${n}.png`) });
  void run;
  return `Tasks page: all ${(n * tasksPerAgent).toLocaleString('en')} rows sorted and drawn ${ms(drawn)} after the link; search "scale-job-7" (${n.toLocaleString('en')} matches) ${searchText}`;
}

/** One big read: what it asks, and how it reads the answer (resolves with the bytes read). */
interface BigRead {
  name: string;
  read(address: string): Promise<number>;
}

async function bodyBytes(res: Response): Promise<number> {
  if (!res.ok) throw new Error(`answered ${res.status}: ${(await res.text()).slice(0, 200)}`);
  let n = 0;
  const reader = res.body!.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return n;
    n += value.length;
  }
}

const operatorCall = (type: string): BigRead => ({
  name: `POST /api/v1 ${type} (JSON)`,
  read: async (address) =>
    bodyBytes(await fetch(`http://${address}/api/v1`, {
      method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json' }, body: JSON.stringify({ type }), signal: AbortSignal.timeout(phaseTimeoutMs),
    })),
});

const get = (p: string): BigRead => ({ name: `GET ${p}`, read: async (address) => bodyBytes(await fetch(`http://${address}${p}`, { signal: AbortSignal.timeout(phaseTimeoutMs) })) });

/** The UI's event stream, read from its first byte to the catch-up delta after every row. */
const eventStream: BigRead = {
  name: 'GET /api/v1/events (snapshot, every agent and task row, catch-up delta)',
  read: async (address) => {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), phaseTimeoutMs);
    try {
      const res = await fetch(`http://${address}/api/v1/events`, { signal: controller.signal });
      const reader = res.body!.getReader();
      const decoder = new TextDecoder();
      let n = 0;
      let tail = '';
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return n;
        n += value.length;
        // Searched before cutting: a delta longer than what is kept would otherwise lose its own header.
        const seen = tail + decoder.decode(value, { stream: true });
        tail = seen.slice(-32);
        if (seen.includes('event: delta')) {
          controller.abort();
          return n;
        }
      }
    } finally {
      clearTimeout(timer);
    }
  },
};

const BIG_READS: BigRead[] = [
  get('/state'),
  get('/master/state'),
  get('/master/state-summary'),
  get('/metrics'),
  get('/metrics/snapshot'),
  operatorCall('GET_STATE'),
  operatorCall('GET_TASKS'),
  operatorCall('GET_AGENTS'),
  eventStream,
  get('/api/v1/snapshot'),
];

/**
 * Each big read in turn against the master holding every agent: its time,
 * size, the master's event-loop delay (p99 and max bucket bounds) between a
 * scrape before it and one 1.2 s after it ended (the histogram is folded
 * once a second), and agent links the swarms saw dropped meanwhile.
 */
async function readsUnderLoad(master: MasterHandle, fleet: Fleet): Promise<string[]> {
  const lines: string[] = [];
  for (const r of BIG_READS) {
    const m0 = await scrape(master);
    const dropped0 = fleet.totals().dropped;
    const started = performance.now();
    let what: string;
    try {
      const bytes = await r.read(master.address);
      what = `${(bytes / 1024 / 1024).toFixed(1)} MB in ${ms(performance.now() - started)}`;
    } catch (e) {
      what = `failed after ${ms(performance.now() - started)}: ${(e as Error).message}`;
    }
    await sleep(1200);
    const d = delayBetween(m0, await scrape(master));
    lines.push(`${r.name}: ${what}; master event-loop delay ${delayText(d)}; links dropped ${fleet.totals().dropped - dropped0}`);
    console.log(`    ${lines[lines.length - 1]}`);
  }
  return lines;
}

async function runSize(n: number): Promise<string> {
  const run: Run = { dir: fs.mkdtempSync(path.join(os.tmpdir(), 'meseta-webui-bench-')) };
  live.add(run);
  try {
    const port = await freePort();
    const loadStart = loadavg();
    run.master = await startMaster({
      cli,
      port,
      flags: ['--work-dir', path.join(run.dir, 'work'), ...SAME_HOST_FLAGS],
      logFile: path.join(run.dir, 'master.log'),
      nofile: NOFILE,
      waitForLeadership: false,
      timeoutMs: phaseTimeoutMs,
      nodeArgs: masterNodeArgs,
    });
    const master = run.master;
    const started = Date.now();
    run.fleet = await startFleet({ master: master.address, agents: n, tasksPerAgent, frameworkId: FRAMEWORK_ID, swarms: swarmCount, maxConnections });
    const { plan } = run.fleet;
    const fleet = run.fleet;
    console.log(`\n== ${n.toLocaleString('en')} agents × ${tasksPerAgent} tasks; load average ${loadStart} ==`);
    console.log(
      plan.share === 1
        ? `  every agent on its own HTTP/2 connection (${plan.connections} connections from ${plan.swarms} swarm processes)`
        : `  ${n} agents share ${plan.connections} HTTP/2 connections: up to ${plan.share} agents' streams on one (the master's descriptor limit is ${NOFILE})`,
    );
    let lastProgress = Date.now();
    const registerMs = await until(() => {
      const registered = fleet.totals().registered;
      if (Date.now() - lastProgress >= 30_000) {
        lastProgress = Date.now();
        console.log(`    ${registered} registered after ${((lastProgress - started) / 1000).toFixed(0)} s (load average ${loadavg()})`);
      }
      return registered >= n;
    }, started);
    if (registerMs === undefined) throw new Error(`${fleet.totals().registered} of ${n} agents registered within ${phaseTimeoutMs / 1000} s (log: ${run.dir}/master.log)`);
    const want = n * tasksPerAgent;
    let held = 0;
    const heldMs = await until(async () => (held = sumOf(await scrape(master), 'meseta_master_tasks')) >= want, started, 1000);
    if (heldMs === undefined) throw new Error(`the master holds ${held} of ${want} tasks after ${phaseTimeoutMs / 1000} s`);
    const t = fleet.totals();
    console.log(`  registered in ${(registerMs / 1000).toFixed(1)} s (attempts ${t.attempts}, timeouts ${t.timeouts}, links dropped ${t.dropped}); ${held} tasks held after ${(heldMs / 1000).toFixed(1)} s`);
    await sleep(3000); // let registration's tail settle before timing the UI
    const memBefore = memoryOf(master.pid);
    console.log(`  master RSS ${mb(memBefore.rss)} (peak ${mb(memBefore.peak)}) before the first page`);

    run.browser = await launchChromium({ width: 1280, height: 800 });
    const results: Round[] = [];
    let tasksLine = '';
    const mAll0 = await scrape(master);
    for (let r = 0; r < rounds; r++) {
      const m0 = await scrape(master);
      const startMicros = monotonicMicros();
      const page = await run.browser.context.newPage();
      await page.goto(`http://${master.address}/#/`);
      await page.waitForFunction("performance.getEntriesByName('meseta:tasks-loaded').length > 0", undefined, { timeout: phaseTimeoutMs, polling: 50 });
      const marks = await page.evaluate<Marks>(READ_MARKS);
      windows.push({ agents: n, round: r + 1, startMicros, endMicros: monotonicMicros() });
      const m1 = await scrape(master);
      const round: Round = { ...marks, delay: delayBetween(m0, m1) };
      results.push(round);
      console.log(
        `  round ${r + 1}: connecting ${ms(marks.connecting)}, first message ${ms(marks.received)}, parsed ${ms(marks.applied)}, ` +
          `overview painted ${ms(marks.rendered)}, all agent rows ${ms(marks.agents)}, all task rows ${ms(marks.tasks)} (agents tile: ${marks.agentsTile}); master event-loop delay ${delayText(round.delay)}`,
      );
      if (r === rounds - 1) tasksLine = await tasksPage(run, page, n);
      await page.close();
    }
    const mAll1 = await scrape(master);
    const memAfter = memoryOf(master.pid);
    const delayAll = delayBetween(mAll0, mAll1);
    await run.browser.close();

    const readLines = bigReads ? await readsUnderLoad(master, fleet) : ['(skipped: --no-big-reads)'];
    const dropped = fleet.totals().dropped - t.dropped;
    const loadEnd = loadavg();
    const med = (f: (m: Round) => number): number => median(results.map(f));
    console.log(`  ${tasksLine}`);
    console.log('\n  reads at this size, one after another, each with the master\'s event-loop delay while it ran (and 1.2 s after):');
    for (const line of readLines) console.log(`    ${line}`);
    console.log(`\n  web UI overview, ${n.toLocaleString('en')} agents, ${want.toLocaleString('en')} tasks, median of ${rounds} rounds (ms since navigation start):`);
    console.log(`    connecting          ${ms(med((m) => m.connecting))}`);
    console.log(`    first message       ${ms(med((m) => m.received))}`);
    console.log(`    parsed              ${ms(med((m) => m.applied))}`);
    console.log(`    overview painted    ${ms(med((m) => m.rendered))}   (goal: ≤ 2000 ms; round 1, the first page after registration: ${ms(results[0].rendered)})`);
    console.log(`    all task rows       ${ms(med((m) => m.tasks))}`);
    console.log(`    master event-loop delay over all page loads: ${delayText(delayAll)}; links dropped meanwhile ${dropped}`);
    console.log(`    master RSS ${mb(memAfter.rss)} (peak ${mb(memAfter.peak)}); load average ${loadStart} at start, ${loadEnd} at end`);
    const maxOf = (d: DelaySummary | undefined): string => (d ? (d.maxBound === Infinity ? '>30 s' : `≤${d.maxBound * 1000} ms`) : 'n/a');
    return (
      `| ${n.toLocaleString('en')} | ${want.toLocaleString('en')} | ${plan.connections}${plan.share > 1 ? ` (≤${plan.share}/conn)` : ''} | ${ms(med((m) => m.received))} | ${ms(med((m) => m.applied))} | ` +
      `**${ms(med((m) => m.rendered))}** (round 1: ${ms(results[0].rendered)}) | ${ms(med((m) => m.tasks))} | ${delayAll ? (delayAll.p99 === Infinity ? '>30 s' : `≤${delayAll.p99 * 1000} ms`) : 'n/a'} / ${maxOf(delayAll)} | ${mb(memAfter.rss)} | ${loadStart} → ${loadEnd} |`
    );
  } finally {
    await cleanup(run);
  }
}

async function main(): Promise<void> {
  console.log(`web UI bench: ${cli} (no credentials: an open master); sizes ${sizes.join(', ')}; ${swarmCount} swarm processes; ${rounds} rounds; Node ${process.version}; ${os.cpus().length} cores; load average ${loadavg()}`);
  const rows: string[] = [];
  for (const n of sizes) {
    try {
      rows.push(await runSize(n));
    } catch (e) {
      // Reported, and the sizes already measured still get their table.
      console.error(`  ${n} agents: ${(e as Error).message}`);
      rows.push(`| ${n.toLocaleString('en')} | ${(n * tasksPerAgent).toLocaleString('en')} | not measured: ${(e as Error).message.split('\n')[0]} |`);
    }
    if (windowsFile) fs.writeFileSync(windowsFile, JSON.stringify(windows));
  }
  console.log('\n| agents | tasks | connections | first message | parsed | overview painted | all task rows | master ELD p99 / max | master RSS | load average start → end |');
  console.log('|---|---|---|---|---|---|---|---|---|---|');
  for (const r of rows) console.log(r);
}

const stopAll = async (): Promise<void> => {
  for (const run of live) await cleanup(run);
};
process.on('SIGINT', () => void stopAll().then(() => process.exit(130)));
process.on('SIGTERM', () => void stopAll().then(() => process.exit(143)));
main().catch(async (e) => {
  console.error(e);
  await stopAll();
  process.exit(1);
});
