/**
 * Time to first render of the web UI's overview for a big cluster, in
 * headless Chromium: a master in its own process, N simulated agents (real
 * Agent API clients answering launches at once) and one SDK framework
 * running M tasks spread over them. Each round opens the overview in a new
 * page and reads the UI's own performance marks:
 *   connecting         the page's script ran and opened the event stream
 *   snapshot received  the stream's first message (everything but task rows) arrived
 *   snapshot applied   parsed and loaded into the store
 *   first render       the overview with the data painted (the figure that counts, goal < 2 s)
 *   tasks loaded       every task row arrived (they follow in packed chunks; the Tasks page needs them)
 * all in ms since the navigation started. It also times GET /api/v1/snapshot
 * (the same document) to show the master's share, and saves a screenshot.
 *
 *   npm run build && node dist/bench/webui-overview.bench.js [--agents 10000] [--tasks 100000] [--rounds 5]
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { SchedulerDriver } from '@meseta/sdk';
import type { Offer, TaskInfo } from '@meseta/proto/wire';
import { TaskState } from '@meseta/proto/wire';
import { scalar } from '@meseta/proto/resources';
import { silentLogger } from '@meseta/runtime/log';
import { spawnMaster } from './support/spawn-master';
import { startSimulatedAgent, type SimulatedAgent } from './support/simulated-agent';
import { launchChromium } from '../test/browser/support/chromium';
import { arg, median } from './support/bench-args';

/** Register `count` simulated agents, a few hundred at a time. */
async function startAgents(master: string, count: number): Promise<SimulatedAgent[]> {
  const agents: SimulatedAgent[] = [];
  const batch = 100;
  for (let i = 0; i < count; i += batch) {
    const started = await Promise.all(
      Array.from({ length: Math.min(batch, count - i) }, (_, k) =>
        startSimulatedAgent({ master, hostname: `sim-agent-${String(i + k).padStart(5, '0')}`, resources: 'cpus:16;mem:65536;disk:500000;ports:[31000-32000]' }),
      ),
    );
    agents.push(...started);
  }
  return agents;
}

/** Subscribe a framework and run `total` tasks, spread evenly over one offer per agent; resolves when all run. */
async function runTasks(master: string, agentCount: number, total: number): Promise<SchedulerDriver> {
  let running = 0;
  let resolveDone!: () => void;
  const done = new Promise<void>((r) => (resolveDone = r));
  const offers: Offer[] = [];
  let launched = false;
  const perAgent = Math.ceil(total / agentCount);
  const driver: SchedulerDriver = new SchedulerDriver({
    master,
    logger: silentLogger,
    framework: { name: 'bench-webui', roles: ['batch'] },
    handlers: {
      offers: async (batch) => {
        offers.push(...batch);
        if (launched || offers.length < agentCount) return;
        launched = true;
        let n = 0;
        const calls: Array<Promise<void>> = [];
        for (const offer of offers.slice(0, agentCount)) {
          const tasks: TaskInfo[] = [];
          for (let i = 0; i < perAgent && n < total; i++, n++) {
            tasks.push({
              name: `job-${n % 97}`,
              task_id: { value: `task-${String(n).padStart(6, '0')}` },
              agent_id: offer.agent_id,
              resources: [scalar('cpus', 1), scalar('mem', 2048)],
              command: { value: 'sleep 3600' },
            });
          }
          calls.push(driver.launch([offer.id!.value!], tasks));
          if (calls.length >= 200) await Promise.all(calls.splice(0));
        }
        await Promise.all(calls);
      },
      update: (status) => {
        if (status.state === TaskState.TASK_RUNNING && ++running === total) resolveDone();
      },
    },
  });
  await driver.start();
  await done;
  await driver.suppress();
  return driver;
}

interface Marks {
  connecting: number;
  received: number;
  applied: number;
  rendered: number;
  tasks: number;
  agents: string;
}

async function main(): Promise<void> {
  const agentCount = arg('agents', 10_000);
  const total = arg('tasks', 100_000);
  const rounds = arg('rounds', 5);
  const setupStarted = Date.now();
  const master = await spawnMaster();
  let agents: SimulatedAgent[] = [];
  let driver: SchedulerDriver | undefined;
  const browser = await launchChromium({ width: 1280, height: 800 });
  try {
    agents = await startAgents(master.address, agentCount);
    console.log(`${agentCount} agents registered in ${((Date.now() - setupStarted) / 1000).toFixed(1)} s`);
    const launchStarted = Date.now();
    driver = await runTasks(master.address, agentCount, total);
    console.log(`${total} tasks running in ${((Date.now() - launchStarted) / 1000).toFixed(1)} s`);

    let body = '';
    const fetchTimes: number[] = [];
    for (let i = 0; i < 3; i++) {
      const fetchStarted = performance.now();
      body = await (await fetch(`http://${master.address}/api/v1/snapshot`)).text();
      fetchTimes.push(performance.now() - fetchStarted);
    }
    const fetchMs = Math.min(...fetchTimes);
    const whole = JSON.parse(body) as { agents: unknown[]; offers: unknown[]; tasks: { rows: unknown[] } };
    console.log(
      `GET /api/v1/snapshot: ${(body.length / 1024 / 1024).toFixed(1)} MB (${whole.agents.length} agents, ${whole.tasks.rows.length} tasks, ` +
        `${whole.offers.length} offers) in ${fetchTimes.map((t) => t.toFixed(0)).join(', ')} ms`,
    );

    const results: Marks[] = [];
    for (let r = 0; r < rounds; r++) {
      const page = await browser.context.newPage();
      await page.goto(`http://${master.address}/#/`);
      await page.waitForFunction("performance.getEntriesByName('meseta:tasks-loaded').length > 0", undefined, { timeout: 60_000, polling: 50 });
      const marks = await page.evaluate<Marks>(`({
        connecting: performance.getEntriesByName('meseta:connecting')[0].startTime,
        received: performance.getEntriesByName('meseta:snapshot-received')[0].startTime,
        applied: performance.getEntriesByName('meseta:snapshot-applied')[0].startTime,
        rendered: performance.getEntriesByName('meseta:first-render')[0].startTime,
        tasks: performance.getEntriesByName('meseta:tasks-loaded')[0].startTime,
        agents: document.querySelector('[data-tile="agents"] .value')?.textContent ?? '',
      })`);
      if (r === rounds - 1) {
        const dir = path.join(__dirname, '..', '..', 'test-artifacts', 'screenshots');
        fs.mkdirSync(dir, { recursive: true });
        await page.screenshot({ path: path.join(dir, 'bench-overview.png') });
        // The tables at this size: open the Tasks page (all 100,000 rows, sorted), then search it.
        const tasksPage = await page.evaluate<number>(`(async () => {
          const started = performance.now();
          location.hash = '#/tasks?state=all';
          while (!document.querySelector('[data-table="tasks"] tbody tr:not(.spacer) a')) await new Promise((r) => requestAnimationFrame(r));
          return performance.now() - started;
        })()`);
        await page.locator('input[aria-label="Search tasks"]').waitFor();
        const searchStarted = Date.now();
        await page.locator('input[aria-label="Search tasks"]').fill('job-42');
        // Task names are job-(n % 97): this many are called job-42.
        const matching = Math.floor((total - 1 - 42) / 97) + 1;
        await page.waitForFunction(`document.querySelector('.card-head .count')?.textContent === '${matching.toLocaleString('en')} shown'`, undefined, { timeout: 30_000, polling: 'raf' });
        const searchMs = Date.now() - searchStarted;
        await page.screenshot({ path: path.join(dir, 'bench-tasks.png') });
        console.log(`tasks page: all ${total} rows sorted and drawn in ${tasksPage.toFixed(0)} ms; search "job-42" answered in ${searchMs} ms`);
      }
      await page.close();
      results.push(marks);
      console.log(
        `round ${r + 1}: connecting ${marks.connecting.toFixed(0)} ms, snapshot received ${marks.received.toFixed(0)} ms, applied ${marks.applied.toFixed(0)} ms, overview rendered ${marks.rendered.toFixed(0)} ms, all tasks loaded ${marks.tasks.toFixed(0)} ms (agents tile: ${marks.agents})`,
      );
    }
    console.log('');
    console.log(`web UI overview, ${agentCount} agents, ${total} tasks, ${rounds} rounds (median, ms since navigation start):`);
    console.log(`  connecting          ${median(results.map((m) => m.connecting)).toFixed(0)} ms`);
    console.log(`  snapshot received   ${median(results.map((m) => m.received)).toFixed(0)} ms`);
    console.log(`  snapshot applied    ${median(results.map((m) => m.applied)).toFixed(0)} ms`);
    console.log(`  overview rendered   ${median(results.map((m) => m.rendered)).toFixed(0)} ms   (goal: < 2000 ms)`);
    console.log(`  all tasks loaded    ${median(results.map((m) => m.tasks)).toFixed(0)} ms`);
    console.log(`  snapshot size       ${(body.length / 1024 / 1024).toFixed(1)} MB; GET /api/v1/snapshot ${fetchMs.toFixed(0)} ms (best of 3)`);
  } finally {
    await browser.close();
    await driver?.stop().catch(() => undefined);
    for (const a of agents) a.stop();
    await master.stop();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
