/**
 * A work queue end to end: 1,000 items through 5 worker tasks spread over
 * two agents; one agent is killed (with its task processes) midway. Every
 * item still gets exactly one recorded result, the right one; the lost
 * workers' items went to others.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { killProcessesUnder, processesUnder } from '../harness/cluster';
import { waitFor } from '../harness/wait-for';
import { runFrameworkCli } from '../support/framework-process';
import { useFrameworkTestBed } from '../support/framework-test-bed';
import { requestJson } from '../../frameworks/common/http-client';
import { startJobsFramework } from '../../frameworks/jobs/server';
import type { WorkerRecord } from '../../frameworks/jobs/jobs-state';

interface QueueView {
  counts: { total: number; pending: number; leased: number; done: number; failed: number };
  recorded: number;
  duplicates: number;
  finished: boolean;
  workers: WorkerRecord[];
}

/** Signal a pid that may be gone already. */
function signal(pid: number, name: NodeJS.Signals): void {
  try {
    process.kill(pid, name);
  } catch {
    // ended meanwhile
  }
}

describe('jobs framework: work queue', () => {
  const bed = useFrameworkTestBed({
    dirPrefix: 'meseta-jobs-queue-',
    cluster: {
      agents: 2,
      name: 'jobs-queue',
      masterFlags: ['--allocation-interval', '100ms', '--agent-ping-timeout', '500ms', '--max-agent-ping-timeouts', '3'],
    },
    component: 'jobs',
    start: (options) => startJobsFramework(options),
  });

  it('records each of 1,000 results exactly once through 5 workers while an agent dies', async () => {
    const itemsFile = path.join(bed.dir, 'items.txt');
    fs.writeFileSync(itemsFile, Array.from({ length: 1000 }, (_, i) => `item-${i}`).join('\n') + '\n');
    const queueFile = path.join(bed.dir, 'queue.json');
    fs.writeFileSync(queueFile, JSON.stringify({ id: 'shout', command: 'sleep 0.01; echo "$ITEM" | tr a-z A-Z', workers: 5, leaseSeconds: 20 }));
    const created = await runFrameworkCli('jobs', ['queue', 'create', queueFile, '--items', itemsFile, '--json', '--url', bed.framework.url]);
    expect(created.stderr).toBe('');
    expect(JSON.parse(created.stdout).counts.total).toBe(1000);

    const view = (): Promise<QueueView> => requestJson<QueueView>(bed.framework.url, 'GET', '/v1/queues/shout');
    const midway = await waitFor(async () => {
      const v = await view();
      return v.recorded >= 150 && v.workers.filter((w) => w.state === 'TASK_RUNNING').length === 5 ? v : undefined;
    }, 60_000, '150 results with 5 workers running');
    expect(midway.finished).toBe(false);
    // Kill the agent running the most workers, and its task processes with it.
    const perAgent = new Map<string, number>();
    for (const w of midway.workers.filter((x) => x.state === 'TASK_RUNNING')) perAgent.set(w.agentId, (perAgent.get(w.agentId) ?? 0) + 1);
    const victimId = [...perAgent.entries()].sort((a, b) => b[1] - a[1])[0][0];
    const victim = bed.cluster.agents.find((a) => a.agentId === victimId)!;
    const victimTasks = new Set(midway.workers.filter((w) => w.agentId === victimId).map((w) => w.taskId));
    // Freeze the victim's workers so they cannot post, and note the items they hold at that moment;
    // a worker caught between two items holds none, so try again until one is caught mid-item.
    const held = await waitFor(async () => {
      const pids = processesUnder(victim.workDir);
      for (const pid of pids) signal(pid, 'SIGSTOP');
      const detail = await requestJson<{ items: Array<{ id: string; status: string; leasedBy: string | null }> }>(
        bed.framework.url, 'GET', '/v1/queues/shout/results?detail=true',
      );
      const caught = detail.items.filter((i) => i.status === 'leased' && i.leasedBy !== null && victimTasks.has(i.leasedBy)).map((i) => i.id);
      if (caught.length === 0) for (const pid of pids) signal(pid, 'SIGCONT');
      return caught.length > 0 ? caught : undefined;
    }, 20_000, "a frozen worker of the victim agent holding an item", 20);
    victim.kill('SIGKILL');
    await killProcessesUnder(victim.workDir);
    const lostWorkers = perAgent.get(victimId)!;

    const done = await waitFor(async () => {
      const v = await view();
      return v.finished ? v : undefined;
    }, 120_000, 'the queue to finish');
    expect(done.counts).toEqual({ total: 1000, pending: 0, leased: 0, done: 1000, failed: 0 });
    expect(done.recorded).toBe(1000);
    const lost = done.workers.filter((w) => w.agentId === victimId && w.state !== 'TASK_FINISHED');
    expect(lost.length).toBe(lostWorkers);
    expect(lost.every((w) => ['TASK_UNREACHABLE', 'TASK_LOST', 'TASK_GONE', 'TASK_FAILED'].includes(w.state))).toBe(true);
    expect(done.workers.filter((w) => w.agentId !== victimId).length).toBeGreaterThan(5 - lostWorkers);

    const { results, recorded, items } = await requestJson<{ results: Record<string, string>; recorded: number; items: Array<{ id: string; attempts: number; recordedBy: string }> }>(
      bed.framework.url, 'GET', '/v1/queues/shout/results?detail=true',
    );
    // The items the lost workers held were leased again and recorded by others.
    const byId = new Map(items.map((i) => [i.id, i]));
    for (const id of held) {
      const item = byId.get(id)!;
      expect([id, item.attempts > 1, lost.some((w) => w.taskId === item.recordedBy)]).toEqual([id, true, false]);
    }
    expect(recorded).toBe(1000);
    const values = Object.values(results);
    expect(values).toHaveLength(1000);
    expect(new Set(values).size).toBe(1000);
    for (let i = 0; i < 1000; i++) expect(results[String(i + 1).padStart(6, '0')]).toBe(`ITEM-${i}`);
    // The bound only stops a hung run: about 45 s on a quiet machine, longer under load.
  }, 240_000);
});
