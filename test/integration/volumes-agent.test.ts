/**
 * Persistent volumes end to end (issue 14, the agent's part) with a real
 * `meseta master` and `meseta agent` (test/harness) and an SDK framework:
 * one ACCEPT of [RESERVE, CREATE, LAUNCH] runs a posix task that writes a
 * counter into its volume; a second task on the same volume reads it back;
 * a task holding the volume is adopted when the agent is SIGKILLed and
 * started again on its work dir (the agent's /state lists the volume in use
 * by it), and a task after it still reads the counter; a task writing past its disk ends TASK_FAILED with
 * REASON_CONTAINER_LIMITATION_DISK (the agent runs with
 * --enforce-container-disk-quota); DESTROY removes the volume's directory.
 */
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as path from 'node:path';
import { startCluster, type Cluster } from '../harness/cluster';
import { waitFor } from '../harness/wait-for';
import { Recorder } from '../support/recorder';
import { OperationType, pb, type Offer, type Resource, type TaskInfo } from '@meseta/proto/wire';

jest.setTimeout(180_000);

const RESERVATION = { type: 2, role: 'eng', principal: 'p1' };
const reserved = (name: string, value: number): Resource => ({ name, type: 0, scalar: { value }, reservations: [RESERVATION], allocation_role: 'eng' });
const volume = (mb: number): Resource => ({
  ...reserved('disk', mb),
  disk: { persistence: { id: 'counter', principal: 'p1' }, volume: { container_path: 'data', mode: pb.Volume.Mode.RW } },
});
const taskResources = (): Resource[] => [reserved('cpus', 0.2), reserved('mem', 32), reserved('disk', 4), volume(16)];
const task = (id: string, agentId: Offer['agent_id'], command: string, resources = taskResources()): TaskInfo => ({ name: id, task_id: { value: id }, agent_id: agentId, resources, command: { value: command } });
function getJson(port: number, route: string): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    http.get({ host: '127.0.0.1', port, path: route }, (res) => {
      let body = '';
      res.on('data', (c) => (body += c));
      res.on('end', () => {
        try {
          resolve(JSON.parse(body));
        } catch (e) {
          reject(e);
        }
      });
    }).on('error', reject);
  });
}
const hasVolume = (o: Offer): boolean => (o.resources ?? []).some((r) => r.disk?.persistence?.id === 'counter');

describe('persistent volumes on a real agent', () => {
  let cluster: Cluster;
  let fw: Recorder | undefined;

  beforeAll(async () => {
    cluster = await startCluster({
      name: 'volumes-agent',
      agents: 1,
      masterFlags: ['--allocation-interval', '200ms', '--agent-ping-timeout', '1s', '--max-agent-ping-timeouts', '10'],
      agentFlags: ['--enforce-container-disk-quota', '--container-disk-watch-interval', '300ms'],
    });
  });

  afterAll(async () => {
    await fw?.driver.teardown().catch(() => undefined);
    await cluster?.stop();
  });

  /** The next open offer holding the volume (the framework declines nothing meanwhile). */
  async function offerWithVolume(after: number): Promise<Offer> {
    const offer = await waitFor(() => fw!.offers.slice(after).find((o) => !fw!.used.has(o.id!.value!) && !fw!.rescinded.includes(o.id!.value!) && hasVolume(o)), 60_000, 'an offer holding the volume');
    fw!.used.add(offer.id!.value!);
    return offer;
  }

  /** A task's stdout, read from the agent's work dir (its latest run). */
  const stdoutOf = (taskId: string, frameworkId: string): string =>
    fs.readFileSync(path.join(cluster.agents[0].workDir, 'frameworks', frameworkId, 'tasks', taskId, 'runs', 'latest', 'stdout'), 'utf8');

  it('RESERVE + CREATE + LAUNCH writes the counter; later tasks read it, also after an agent SIGKILL and restart; a disk hog fails; DESTROY removes it', async () => {
    fw = new Recorder(cluster.master.address, { name: 'volumes-fw', roles: ['eng'], principal: 'p1' });
    await fw.driver.start();
    const first = await waitFor(() => fw!.open()[0], 30_000, 'a first offer');
    fw.used.add(first.id!.value!);
    const frameworkId = await waitFor(() => fw!.driver.frameworkId, 10_000, 'the framework id');
    const all = [reserved('cpus', 0.2), reserved('mem', 32), reserved('disk', 20)];
    await fw.driver.accept([first.id!.value!], [
      { type: OperationType.RESERVE, reserve: { resources: all } },
      { type: OperationType.CREATE, create: { volumes: [volume(16)] } },
      { type: OperationType.LAUNCH, launch: { task_infos: [task('writer', first.agent_id, 'echo 1 > data/counter', [reserved('cpus', 0.2), reserved('mem', 32), reserved('disk', 4), volume(16)])] } },
    ]);
    await fw.waitState('writer', 'TASK_FINISHED', 30_000);
    const volumeDir = path.join(cluster.agents[0].workDir, 'volumes', 'roles', 'eng', 'counter');
    expect(fs.readFileSync(path.join(volumeDir, 'counter'), 'utf8')).toBe('1\n');

    // The volume comes back in an offer; a second task on it reads the counter.
    let offer = await offerWithVolume(0);
    await fw.driver.accept([offer.id!.value!], [{ type: OperationType.LAUNCH, launch: { task_infos: [task('reader', offer.agent_id, 'cat data/counter')] } }]);
    await fw.waitState('reader', 'TASK_FINISHED', 30_000);
    expect(stdoutOf('reader', frameworkId)).toBe('1\n');

    // A task holding the volume runs while the agent crashes and starts again on its work dir:
    // the task is adopted with its volume, which the agent's /state lists as in use by it.
    offer = await offerWithVolume(0);
    await fw.driver.accept([offer.id!.value!], [{ type: OperationType.LAUNCH, launch: { task_infos: [task('keeper', offer.agent_id, 'cat data/counter; sleep 300')] } }]);
    await fw.waitState('keeper', 'TASK_RUNNING', 30_000);
    cluster.agents[0].kill('SIGKILL');
    await cluster.agents[0].restart();
    const listed = await waitFor(async () => {
      const state = await getJson(cluster.agents[0].port, '/state');
      const volumes = (state.volumes ?? []) as Array<{ persistence_id?: string; tasks?: string[] }>;
      return volumes.find((v) => v.persistence_id === 'counter' && v.tasks?.includes('keeper'));
    }, 30_000, 'the restarted agent listing the volume in use by the adopted task');
    expect(listed).toEqual(expect.objectContaining({ role: 'eng', size_mb: 16 }));
    expect(stdoutOf('keeper', frameworkId)).toBe('1\n');
    const seen = fw.offers.length;
    await fw.driver.kill('keeper');
    await fw.waitState('keeper', 'TASK_KILLED', 30_000);
    // The data is still there for the next task.
    offer = await offerWithVolume(seen);
    await fw.driver.accept([offer.id!.value!], [{ type: OperationType.LAUNCH, launch: { task_infos: [task('reader-after-restart', offer.agent_id, 'cat data/counter')] } }]);
    await fw.waitState('reader-after-restart', 'TASK_FINISHED', 30_000);
    expect(stdoutOf('reader-after-restart', frameworkId)).toBe('1\n');

    // A task writing past its (4 MB) disk is ended by the agent's disk check.
    offer = await offerWithVolume(0);
    await fw.driver.accept([offer.id!.value!], [{ type: OperationType.LAUNCH, launch: { task_infos: [task('hog', offer.agent_id, 'dd if=/dev/zero of=big bs=1M count=8 && sleep 300')] } }]);
    const failed = await fw.waitState('hog', 'TASK_FAILED', 60_000);
    expect(pb.TaskStatus.Reason[failed.reason ?? 0]).toBe('REASON_CONTAINER_LIMITATION_DISK');
    expect(failed.message).toMatch(/sandbox .* uses \d+\.\d MB, above the task's disk of 4 MB/);
    expect(fs.readFileSync(path.join(volumeDir, 'counter'), 'utf8')).toBe('1\n');

    // DESTROY: the agent removes the directory.
    offer = await offerWithVolume(0);
    await fw.driver.accept([offer.id!.value!], [{ type: OperationType.DESTROY, destroy: { volumes: [volume(16)] } }]);
    await waitFor(() => !fs.existsSync(volumeDir), 30_000, 'the volume directory removed after DESTROY');
  });
});
