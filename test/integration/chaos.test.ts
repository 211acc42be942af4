/**
 * Chaos: 300 short tasks run while the leading master, one agent and the
 * scheduler are each killed with SIGKILL several times (and restarted).
 * Afterwards: every task ended in a terminal state the scheduler learned
 * about, no status update was lost or reordered, no task id ran twice, and
 * the registry is readable.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { startCluster, type Cluster } from '../harness/cluster';
import { MesetaProcess } from '../harness/meseta-process';
import { REPO_ROOT, artifactsDir } from '../harness/paths';
import { startZooKeeper, type ZooKeeperServer } from '../setup/zookeeper';
import { launchesOf } from '../support/sandbox-census';
import { waitFor } from '../harness/wait-for';
import { ZooKeeperContender } from '../../master/leader/zookeeper-contender';
import { ZooKeeperRegistryLogStore } from '../../master/registry/zookeeper-registry-log-store';
import { zooKeeperSurface } from '../../master/registry/zookeeper-surface';
import { Registrar } from '../../master/registry/registrar';

const JOBS = 300;
const KILLS_EACH = 3;
const SCHEDULER = path.join(REPO_ROOT, 'dist', 'test', 'support', 'chaos-scheduler.js');

interface JournalEntry {
  taskId: string;
  state: string;
  uuid: string;
  reason: string;
}

const RANK: Record<string, number> = { TASK_STAGING: 0, TASK_STARTING: 0, TASK_RUNNING: 1, TASK_KILLING: 2 };
const rank = (state: string): number => RANK[state] ?? 3;

/** A small seeded random, so a failing run can be replayed. */
function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}


describe('chaos', () => {
  let zk: ZooKeeperServer;
  let cluster: Cluster;
  let dir: string;
  let scheduler: MesetaProcess | undefined;

  beforeAll(async () => {
    zk = await startZooKeeper();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'meseta-chaos-'));
    cluster = await startCluster({
      name: 'chaos',
      zk: zk.url('/meseta-chaos'),
      masters: 3,
      agents: 2,
      masterFlags: ['--zk-session-timeout', '2s', '--agent-ping-timeout', '1s', '--max-agent-ping-timeouts', '4', '--agent-reregister-timeout', '60s', '--allocation-interval', '200ms', '--offer-timeout', '5s'],
      agentFlags: ['--status-update-retry', '1s'],
    });
  }, 120_000);

  afterAll(async () => {
    await scheduler?.stop();
    // Keep the scheduler's state and journal with the logs, for reading a failure.
    for (const f of ['scheduler-state.json', 'journal.jsonl']) {
      if (dir && fs.existsSync(path.join(dir, f))) fs.copyFileSync(path.join(dir, f), path.join(artifactsDir('chaos-files'), f));
    }
    await cluster?.stop();
    await zk?.stop();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it(`runs ${JOBS} tasks to completion through SIGKILLs of the leader, an agent and the scheduler`, async () => {
    const logDir = artifactsDir('chaos-scheduler');
    const statePath = path.join(dir, 'scheduler-state.json');
    const journalPath = path.join(dir, 'journal.jsonl');
    let starts = 0;
    const schedulers: MesetaProcess[] = [];
    const startScheduler = (): MesetaProcess =>
      new MesetaProcess(['--master', cluster.masterAddress, '--state', statePath, '--journal', journalPath, '--jobs', String(JOBS), '--command', 'sleep 2'], {
        label: `scheduler-${++starts}`,
        logDir,
        script: SCHEDULER,
      });
    const finished = (): boolean => schedulers.some((p) => p.lines.some((l) => l.includes('all jobs finished')));
    scheduler = startScheduler();
    schedulers.push(scheduler);
    const random = seeded(Number(process.env.MESETA_CHAOS_SEED ?? 7));
    const kills = { master: 0, agent: 0, scheduler: 0 };
    const plan = [...Array(KILLS_EACH).fill('master'), ...Array(KILLS_EACH).fill('agent'), ...Array(KILLS_EACH).fill('scheduler')].sort(() => random() - 0.5);
    // Faults are paced by progress, not time: each comes once the scheduler has journaled
    // a (seeded) random number of further status updates since the last one.
    const journaled = (): number => (fs.existsSync(journalPath) ? fs.readFileSync(journalPath, 'utf8').split('\n').length - 1 : 0);
    for (const victim of plan) {
      const due = journaled() + 10 + Math.floor(random() * 40);
      await waitFor(() => finished() || journaled() >= due, 120_000, `${due} journaled status updates before killing the ${victim}`, 50);
      if (finished()) break;
      if (victim === 'master') {
        const leader = await waitFor(() => cluster.leader(), 30_000, 'a leading master to kill');
        leader.kill('SIGKILL');
        kills.master++;
        await leader.restart();
      } else if (victim === 'agent') {
        const agent = cluster.agents[0];
        agent.kill('SIGKILL');
        kills.agent++;
        await agent.meseta.exited;
        await agent.restart();
      } else {
        scheduler.kill('SIGKILL');
        await scheduler.exited;
        kills.scheduler++;
        scheduler = startScheduler();
        schedulers.push(scheduler);
      }
    }
    await waitFor(
      () => finished(),
      240_000,
      'the scheduler to finish every job',
      500,
    );

    const state = JSON.parse(fs.readFileSync(statePath, 'utf8')) as { frameworkId?: string; jobs: Array<{ done: boolean; attempt: number }> };
    const journal = fs
      .readFileSync(journalPath, 'utf8')
      .split('\n')
      .filter((l) => l.trim())
      .map((l) => JSON.parse(l) as JournalEntry);
    const perTask = new Map<string, JournalEntry[]>();
    for (const e of journal) perTask.set(e.taskId, [...(perTask.get(e.taskId) ?? []), e]);

    // Every job finished; every task the scheduler launched ended in a state it learned.
    expect(state.jobs.every((j) => j.done)).toBe(true);
    const launched = state.jobs.reduce((n, j) => n + j.attempt, 0);
    for (const [taskId, entries] of perTask) {
      const last = entries[entries.length - 1];
      expect([taskId, rank(last.state) === 3 || last.state === 'TASK_UNKNOWN']).toEqual([taskId, true]);
    }
    // No update lost or reordered: agent updates (with uuids) never go backwards, and
    // every finished task was seen running first.
    for (const [taskId, entries] of perTask) {
      const fromAgent = entries.filter((e) => e.uuid);
      for (let i = 1; i < fromAgent.length; i++) {
        expect([taskId, rank(fromAgent[i].state) >= rank(fromAgent[i - 1].state)]).toEqual([taskId, true]);
      }
      const finished = fromAgent.findIndex((e) => e.state === 'TASK_FINISHED');
      if (finished >= 0) expect([taskId, fromAgent.slice(0, finished).some((e) => e.state === 'TASK_RUNNING')]).toEqual([taskId, true]);
    }
    // No task id ran twice.
    for (const taskId of perTask.keys()) {
      const runs = cluster.agents.map((a) => launchesOf(a.workDir, taskId)).reduce((x, y) => x + y, 0);
      expect([taskId, runs <= 1]).toEqual([taskId, true]);
    }
    // The registry is readable afterwards.
    const reader = new ZooKeeperContender(zk.url('/meseta-chaos-reader'));
    try {
      void reader.contend({ id: 'reader', hostname: '127.0.0.1', port: 1 });
      await waitFor(() => { try { return !!reader.zkClient; } catch { return false; } }, 10_000, 'a ZooKeeper session');
      const registry = await new Registrar(new ZooKeeperRegistryLogStore(zooKeeperSurface(reader.zkClient), '/meseta-chaos', { readOnly: true })).recover();
      // Every agent is admitted (a restart re-registers under the same id), and the only
      // framework ever registered is the scheduler's one id, kept through its restarts
      // (gone once its TEARDOWN, unless it was killed during it).
      expect([...registry.agents.keys()]).toEqual(expect.arrayContaining(cluster.agents.map((a) => a.agentId)));
      expect(state.frameworkId).toBeTruthy();
      expect([...registry.frameworks.keys()].filter((id) => id !== state.frameworkId)).toEqual([]);
    } finally {
      await reader.close();
    }
    // The chaos really happened while the work ran.
    expect(kills.master + kills.agent + kills.scheduler).toBe(plan.length);
    const finishedCount = journal.filter((e) => e.state === 'TASK_FINISHED' && e.uuid).length;
    console.log(
      `chaos summary: jobs=${JOBS} tasks_launched=${launched} relaunched=${launched - JOBS} finished_updates=${finishedCount} ` +
        `updates_journaled=${journal.length} kills: leader=${kills.master} agent=${kills.agent} scheduler=${kills.scheduler}`,
    );
  }, 400_000);
});
