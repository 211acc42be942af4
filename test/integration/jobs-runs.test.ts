/**
 * The jobs framework end to end on a real cluster: a job that fails twice
 * and succeeds on its third try, a job past its deadline killed and failed,
 * and a cron job (seconds field) that fires on schedule and, with
 * concurrencyPolicy forbid, never overlaps itself.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { waitFor } from '../harness/wait-for';
import { useFrameworkTestBed } from '../support/framework-test-bed';
import { requestJson } from '../../frameworks/common/http-client';
import { startJobsFramework } from '../../frameworks/jobs/server';
import type { JobRecord, RunRecord } from '../../frameworks/jobs/jobs-state';

describe('jobs framework: retries, deadlines, cron', () => {
  const bed = useFrameworkTestBed({
    dirPrefix: 'meseta-jobs-runs-',
    cluster: { agents: 1, name: 'jobs-runs', masterFlags: ['--allocation-interval', '100ms'] },
    component: 'jobs',
    start: (options) => startJobsFramework(options),
  });

  const api = <T>(method: string, p: string, body?: unknown): Promise<T> => requestJson<T>(bed.framework.url, method, p, body);
  const runEnds = (id: string, timeoutMs = 30_000): Promise<RunRecord> =>
    waitFor(async () => {
      const r = await api<RunRecord>('GET', `/v1/runs/${id}`);
      return r.status !== 'waiting' && r.status !== 'running' ? r : undefined;
    }, timeoutMs, `run ${id} to end`, 100);

  it('succeeds on the third try after two failures, backing off between tries', async () => {
    const counter = path.join(bed.dir, 'tries');
    await api('POST', '/v1/jobs', {
      id: 'flaky',
      command: `n=$(cat ${counter} 2>/dev/null || echo 0); n=$((n+1)); echo $n > ${counter}; echo "try $n"; [ $n -ge 3 ]`,
      retries: { maxRetries: 4, backoffSeconds: 0.3, backoffFactor: 2 },
    });
    const run = await api<RunRecord>('POST', '/v1/jobs/flaky/runs');
    const end = await runEnds(run.id);
    expect(end.status).toBe('succeeded');
    expect(end.attempts.map((a) => a.state)).toEqual(['TASK_FAILED', 'TASK_FAILED', 'TASK_FINISHED']);
    expect(fs.readFileSync(counter, 'utf8').trim()).toBe('3');
    // The second retry waited about twice as long as the first.
    const gap1 = end.attempts[1].launchedAt - end.attempts[0].endedAt!;
    const gap2 = end.attempts[2].launchedAt - end.attempts[1].endedAt!;
    expect(gap1).toBeGreaterThanOrEqual(250);
    expect(gap2).toBeGreaterThanOrEqual(550);
  });

  it('fails a run past its deadline and kills its task', async () => {
    await api('POST', '/v1/jobs', { id: 'slow', command: 'sleep 60', deadlineSeconds: 1.5, retries: { maxRetries: 3 } });
    const run = await api<RunRecord>('POST', '/v1/jobs/slow/runs');
    const end = await runEnds(run.id);
    expect(end.status).toBe('failed');
    expect(end.reason).toMatch(/deadline of 1.5 s exceeded/);
    const killed = await waitFor(async () => {
      const r = await api<RunRecord>('GET', `/v1/runs/${run.id}`);
      return r.attempts[0].state === 'TASK_KILLED' ? r : undefined;
    }, 15_000, 'the attempt killed');
    expect(killed.attempts).toHaveLength(1);
  });

  it('fires a cron job on schedule and, with forbid, never runs two at once', async () => {
    await api('POST', '/v1/jobs', { id: 'tick', command: 'sleep 2.5', schedule: { cron: '*/2 * * * * *', concurrencyPolicy: 'forbid' } });
    const job = await waitFor(async () => {
      const j = await api<JobRecord & { runs: RunRecord[] }>('GET', '/v1/jobs/tick');
      return j.runs.filter((r) => r.status === 'succeeded').length >= 2 ? j : undefined;
    }, 20_000, 'two cron runs finished');
    await api('DELETE', '/v1/jobs/tick');
    const runs = job.runs.filter((r) => r.trigger === 'cron');
    for (const r of runs) expect(r.scheduledAt! % 2000).toBe(0);
    // forbid: a fire while the 2.5 s run is active is skipped, so runs are at least 4 s apart.
    for (let i = 1; i < runs.length; i++) expect(runs[i].scheduledAt! - runs[i - 1].scheduledAt!).toBeGreaterThanOrEqual(4000);
    // Never two at once, on the scheduler's own record: each run was created after the one before had finished.
    for (let i = 1; i < runs.length; i++) {
      if (runs[i - 1].finishedAt !== undefined) expect(runs[i].createdAt).toBeGreaterThanOrEqual(runs[i - 1].finishedAt!);
      else expect(i).toBe(runs.length - 1); // only the newest run may still be going
    }
    expect(job.skippedFires).toBeGreaterThanOrEqual(1);
  });
});
