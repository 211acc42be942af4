/**
 * Usage of a runc (tar image) container read from its cgroup, through a
 * real agent (tar containerizer, real runc and cgroups): a task that holds
 * ~24 MB in a shell variable shows that much resident memory in the
 * agent's `/monitor/statistics` (Mesos's shape) and `/metrics` (with its
 * task_id label), the memory limit is the one the agent wrote into the
 * task's cgroup, and the total the agent reports is the cgroup's own
 * `memory.usage_in_bytes` / `memory.current` read by the test beside it.
 *
 * Needs runc and busybox-static (installed here when missing, else the
 * test fails naming them) and a cgroup filesystem with the memory controller.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { buildBusyboxImage, type BusyboxImage } from '../setup/busybox-rootfs';
import { ensurePackages } from '../setup/packages';
import { cgroupHierarchies, cleanUpAll, startContainerAgent, tarTask, type ContainerAgent } from './container-agent';
import { httpGet } from '../harness/operator';
import { waitFor } from '../harness/wait-for';

let images: BusyboxImage;
let imageDir: string;
let test: ContainerAgent;

beforeAll(async () => {
  ensurePackages([
    { binary: 'runc', package: 'runc' },
    { binary: 'busybox', package: 'busybox-static' },
  ]);
  imageDir = fs.mkdtempSync(path.join(os.tmpdir(), 'meseta-usage-images-'));
  images = buildBusyboxImage(imageDir);
  test = await startContainerAgent({ containerizers: ['tar'], usageIntervalMs: 500 });
});

afterAll(() =>
  cleanUpAll(
    () => test?.stop(),
    () => fs.rmSync(imageDir, { recursive: true, force: true }),
  ),
);

interface MonitorEntry {
  executor_id: string;
  framework_id: string;
  source: string;
  statistics: { timestamp: number; mem_rss_bytes?: number; mem_total_bytes?: number; mem_limit_bytes?: number; cpus_limit?: number; cpus_user_time_secs?: number };
}

async function monitor(): Promise<MonitorEntry[]> {
  const answer = await httpGet(`127.0.0.1:${test.agent.port}`, '/monitor/statistics');
  expect(answer.status).toBe(200);
  return JSON.parse(answer.body) as MonitorEntry[];
}

/** The task's memory cgroup folder (the one the agent made, holding the limit). */
function memoryCgroupDir(containerId: string): string {
  const v1 = cgroupHierarchies().find((h) => fs.existsSync(path.join(h, 'memory.limit_in_bytes')) || path.basename(h) === 'memory');
  const root = v1 ?? '/sys/fs/cgroup';
  return path.join(root, test.cgroupsRoot, containerId);
}

describe('usage of a runc container', () => {
  it('reads its memory from its cgroup and shows it with its task id', async () => {
    const taskId = 'holds-memory';
    // 24 MB of 'a' in a shell variable: resident, anonymous memory of the container's shell (a loop
    // keeps the shell: busybox sh would exec a last plain command in its place, freeing it).
    test.run(tarTask(taskId, 'x=$(head -c 24000000 /dev/zero | tr "\\0" a); echo held; while true; do sleep 1; done', images.tar, { mem: 128, cpus: 0.5 }));
    await waitFor(() => fs.existsSync(path.join(test.workDir, 'frameworks', 'fw', 'tasks', taskId, 'runs', 'latest', 'stdout')) && test.sandboxFile(taskId, 'stdout').includes('held'), 60_000, 'the task to hold its memory');

    const entry = await waitFor(async () => {
      const found = (await monitor()).find((e) => e.source === taskId);
      return found && (found.statistics.mem_rss_bytes ?? 0) > 20_000_000 ? found : undefined;
    }, 30_000, 'the agent to measure about 24 MB resident in the task');
    expect(entry.framework_id).toBe('fw');
    expect(entry.executor_id).toBe(taskId);
    expect(entry.statistics.mem_rss_bytes).toBeLessThan(128 * 1024 * 1024);
    expect(entry.statistics.mem_limit_bytes).toBe(128 * 1024 * 1024);
    expect(entry.statistics.cpus_limit).toBe(0.5);

    // The same cgroup, read by the test: the agent's total is the kernel's figure (a sample apart).
    const containerId = fs.readlinkSync(path.join(test.workDir, 'frameworks', 'fw', 'tasks', taskId, 'runs', 'latest'));
    const dir = memoryCgroupDir(path.basename(containerId));
    const limitFile = fs.existsSync(path.join(dir, 'memory.limit_in_bytes')) ? 'memory.limit_in_bytes' : 'memory.max';
    const usageFile = limitFile === 'memory.max' ? 'memory.current' : 'memory.usage_in_bytes';
    expect(Number(fs.readFileSync(path.join(dir, limitFile), 'utf8'))).toBe(128 * 1024 * 1024);
    // The agent samples on its interval, the test reads now: while the shell's memory still moves
    // (the command substitution's buffers are freed after it ends) the two may be a sample apart,
    // so wait until they agree, then compare.
    const agreed = await waitFor(async () => {
      const kernelTotal = Number(fs.readFileSync(path.join(dir, usageFile), 'utf8'));
      const fresh = (await monitor()).find((e) => e.source === taskId);
      const agentTotal = fresh?.statistics.mem_total_bytes ?? 0;
      return Math.abs(agentTotal - kernelTotal) < 8 * 1024 * 1024 ? { agentTotal, kernelTotal } : undefined;
    }, 30_000, "the agent's memory total to match the kernel's cgroup figure");
    expect(Math.abs(agreed.agentTotal - agreed.kernelTotal)).toBeLessThan(8 * 1024 * 1024);

    const metrics = await httpGet(`127.0.0.1:${test.agent.port}`, '/metrics');
    expect(metrics.status).toBe(200);
    const line = metrics.body.split('\n').find((l) => l.startsWith('meseta_container_memory_rss_bytes{') && l.includes(`task_id="${taskId}"`));
    expect(line).toBeDefined();
    expect(Number(line!.split(' ').pop())).toBeGreaterThan(20_000_000);
    expect(metrics.body).toMatch(new RegExp(`meseta_container_memory_limit_bytes\\{[^}]*task_id="${taskId}"[^}]*\\} ${128 * 1024 * 1024}`));

    test.kill(taskId, 0);
    await test.terminal(taskId);
  }, 120_000);
});
