/**
 * Usage end to end with a real `meseta master` and agent (127.0.0.1), the
 * agent measuring every second and reporting every second
 * (`--usage-interval 1s --usage-report-interval 1s`):
 *
 * - a posix task burning CPU shows rising `meseta_container_cpu_seconds_total`
 *   with its `task_id` and `framework_id` labels in the agent's `/metrics`;
 *   the master's `/metrics` sums it into its framework's lines (from the
 *   agent's reports) and has no per-task line;
 * - Mesos's `/monitor/statistics` on the agent lists it with its limits;
 * - the master relays the task's last hour (`/api/v1/usage/tasks/…`, points
 *   with CPU cores) and the agent's (`/api/v1/usage/agents/…`), and its
 *   cluster series gets a point with that agent's allocation and usage;
 * - bad parameters on the agent's `/api/v1/usage` answer 400 naming them;
 *   an unknown task is 404 at the master.
 *
 * Needs the build (`npm run build`).
 */
import { spawnCli } from '../harness/cli';
import { startCluster, type Cluster } from '../harness/cluster';
import type { MesetaProcess } from '../harness/meseta-process';
import { getState, httpGet, waitForTaskNamed } from '../harness/operator';
import { waitFor } from '../harness/wait-for';

let cluster: Cluster;
const spawned: MesetaProcess[] = [];

beforeAll(async () => {
  cluster = await startCluster({ agents: 1, name: 'usage-metrics', agentFlags: ['--usage-interval', '1s', '--usage-report-interval', '1s'] });
}, 120_000);

afterAll(async () => {
  for (const p of spawned) await p.stop().catch(() => undefined);
  await cluster?.stop();
}, 120_000);

/** The value of the sample of `metric` whose labels include `task_id="<taskId>"`, or undefined. */
function sampleOf(text: string, metric: string, taskId: string): { value: number; labels: string } | undefined {
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${metric}{`)) continue;
    const close = line.lastIndexOf('}');
    const labels = line.slice(metric.length + 1, close);
    if (!labels.includes(`task_id="${taskId}"`)) continue;
    return { value: Number(line.slice(close + 1).trim()), labels };
  }
  return undefined;
}

async function metricsOf(address: string): Promise<string> {
  const answer = await httpGet(address, '/metrics');
  expect(answer.status).toBe(200);
  expect(answer.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
  return answer.body;
}

describe('usage of a posix task', () => {
  let taskId = '';
  let frameworkId = '';
  let agentAddress = '';
  let agentId = '';

  beforeAll(async () => {
    // Busy for ~0.1 s, then asleep for 0.2 s, over and over: clearly rising CPU time without taking a whole core.
    const burn = 'while :; do i=0; while [ $i -lt 3000 ]; do i=$((i+1)); done; sleep 0.2; done';
    const run = spawnCli(['run', '--master', cluster.masterAddress, '--name', 'burner', '--command', burn, '--cpus', '0.5', '--mem', '64', '--disk', '16']);
    spawned.push(run);
    const task = await waitForTaskNamed(cluster.masterAddress, 'burner', (t) => t.state === 'TASK_RUNNING');
    taskId = task.task_id.value;
    frameworkId = (task as unknown as { framework_id: { value: string } }).framework_id.value;
    agentId = (task as unknown as { agent_id: { value: string } }).agent_id.value;
    const state = await getState(cluster.masterAddress);
    const agent = (state.agents as Array<{ agent_info: { id: { value: string }; hostname: string; port: number } }>).find((a) => a.agent_info.id.value === agentId)!;
    agentAddress = `127.0.0.1:${agent.agent_info.port}`;
  }, 120_000);

  it("shows rising CPU seconds with its task_id in the agent's /metrics", async () => {
    const first = await waitFor(async () => sampleOf(await metricsOf(agentAddress), 'meseta_container_cpu_seconds_total', taskId), 30_000, 'the task in the agent /metrics');
    expect(first.labels).toContain(`framework_id="${frameworkId}"`);
    expect(first.labels).toContain(`agent_id="${agentId}"`);
    const later = await waitFor(async () => {
      const s = sampleOf(await metricsOf(agentAddress), 'meseta_container_cpu_seconds_total', taskId);
      return s && s.value > first.value + 0.05 ? s : undefined;
    }, 30_000, 'its CPU seconds to rise in the agent /metrics');
    expect(later.value).toBeGreaterThan(first.value);
    const text = await metricsOf(agentAddress);
    expect(sampleOf(text, 'meseta_container_cpu_limit_cores', taskId)?.value).toBe(0.5);
    expect(sampleOf(text, 'meseta_container_memory_limit_bytes', taskId)?.value).toBe(64 * 1024 * 1024);
    expect(sampleOf(text, 'meseta_container_memory_rss_bytes', taskId)?.value).toBeGreaterThan(0);
    expect(sampleOf(text, 'meseta_container_disk_limit_bytes', taskId)?.value).toBe(16 * 1024 * 1024);
    expect(sampleOf(text, 'meseta_container_disk_used_bytes', taskId)?.value).toBeGreaterThan(0);
  }, 90_000);

  it("sums the task into its framework's lines in the master's /metrics, from the agent's reports, and writes no per-task line there", async () => {
    const fw = (text: string, metric: string): number | undefined => {
      const m = new RegExp(`^${metric}\\{framework_id="${frameworkId}"\\} ([0-9.e+-]+)$`, 'm').exec(text);
      return m ? Number(m[1]) : undefined;
    };
    const text = await waitFor(async () => {
      const t = await metricsOf(cluster.masterAddress);
      return (fw(t, 'meseta_framework_cpu_usage_cores') ?? 0) > 0 ? t : undefined;
    }, 30_000, "the framework's cores above 0 in the master /metrics");
    expect(fw(text, 'meseta_framework_reported_tasks')).toBe(1);
    expect(fw(text, 'meseta_framework_memory_rss_bytes')).toBeGreaterThan(0);
    expect(fw(text, 'meseta_framework_disk_used_bytes')).toBeGreaterThan(0);
    expect(text).toMatch(/meseta_master_usage_reporting_agents 1/);
    expect(text).not.toContain('meseta_container_');
    expect(text).not.toContain(`task_id="${taskId}"`);
  }, 90_000);

  it("answers Mesos's /monitor/statistics with the task and its limits", async () => {
    const answer = await httpGet(agentAddress, '/monitor/statistics');
    expect(answer.status).toBe(200);
    const entries = JSON.parse(answer.body) as Array<{ executor_id: string; framework_id: string; source: string; statistics: Record<string, number> }>;
    const entry = entries.find((e) => e.source === taskId);
    expect(entry).toBeDefined();
    expect(entry!.executor_id).toBe(taskId);
    expect(entry!.framework_id).toBe(frameworkId);
    expect(entry!.statistics.cpus_limit).toBe(0.5);
    expect(entry!.statistics.mem_limit_bytes).toBe(64 * 1024 * 1024);
    expect(entry!.statistics.cpus_user_time_secs + entry!.statistics.cpus_system_time_secs).toBeGreaterThan(0);
    expect(entry!.statistics.processes).toBeGreaterThanOrEqual(1);
  });

  it("relays the task's and the agent's last hour, and the cluster's series gets the agent", async () => {
    const series = await waitFor(async () => {
      const answer = await httpGet(cluster.masterAddress, `/api/v1/usage/tasks/${encodeURIComponent(frameworkId)}/${encodeURIComponent(taskId)}`);
      if (answer.status !== 200) return undefined;
      const body = JSON.parse(answer.body) as { points: Array<{ t: number; cpus: number | null; mem: number | null }>; limits: { cpus?: number }; agent_id: string };
      return body.points.some((p) => (p.cpus ?? 0) > 0) ? body : undefined;
    }, 30_000, 'the task series with CPU cores');
    expect(series.agent_id).toBe(agentId);
    expect(series.limits.cpus).toBe(0.5);
    expect(series.points.length).toBeGreaterThanOrEqual(2);

    const agentSeries = await httpGet(cluster.masterAddress, `/api/v1/usage/agents/${encodeURIComponent(agentId)}`);
    expect(agentSeries.status).toBe(200);
    const agentBody = JSON.parse(agentSeries.body) as { points: Array<{ cpus: number | null; allocated?: { cpus: number } }>; limits: { cpus?: number } };
    expect(agentBody.limits.cpus).toBe(2);
    expect(agentBody.points.some((p) => (p.allocated?.cpus ?? 0) >= 0.5)).toBe(true);

    // The master adds a cluster point every 10 s.
    const point = await waitFor(async () => {
      const body = JSON.parse((await httpGet(cluster.masterAddress, '/api/v1/usage/cluster')).body) as { points: Array<{ agents: number; allocated: { cpus: number }; total: { cpus: number }; running: number }> };
      return body.points.find((p) => p.agents === 1 && p.running >= 1);
    }, 30_000, 'a cluster point with the agent');
    expect(point.total.cpus).toBe(2);
    expect(point.allocated.cpus).toBeGreaterThanOrEqual(0.5);
  }, 90_000);

  it('refuses bad parameters and unknown tasks, naming them', async () => {
    const bad = await httpGet(agentAddress, '/api/v1/usage?task=x');
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.body).error).toMatch(/^task: unknown parameter/);
    const empty = await httpGet(agentAddress, '/api/v1/usage?task_id=');
    expect(empty.status).toBe(400);
    expect(JSON.parse(empty.body).error).toMatch(/^task_id: must not be empty/);
    const unknown = await httpGet(cluster.masterAddress, `/api/v1/usage/tasks/${encodeURIComponent(frameworkId)}/no-such-task`);
    expect(unknown.status).toBe(404);
    expect(JSON.parse(unknown.body).error).toMatch(/no task no-such-task/);
    const noAgent = await httpGet(cluster.masterAddress, '/api/v1/usage/agents/no-such-agent');
    expect(noAgent.status).toBe(404);
    expect(JSON.parse(noAgent.body).error).toMatch(/no such agent: no-such-agent/);
  });
});
