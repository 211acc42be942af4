/**
 * Maintenance against a real `meseta master` (with a --work-dir registry)
 * and two real agents on two "machines" (`--hostname maint-a.test` and
 * `maint-b.test`, both on 127.0.0.1), with two frameworks of the SDK over
 * real gRPC, and the operator through the `meseta` CLI and Mesos's
 * `POST /api/v1`:
 *
 * - a window for machine A (CLI): both frameworks, each with a task there,
 *   get an inverse offer carrying the window; offers of A carry
 *   `unavailability` (of B none); one framework accepts, the other does not
 *   answer: `meseta maintenance status` shows DRAINING with 1 accepted and 1
 *   not answered, and GET_MAINTENANCE_STATUS names the framework that accepted;
 * - refusals naming the field: a machine in two windows, DOWN of a machine
 *   not scheduled, UP of a DRAINING one, an unknown machine mode, bad CLI input;
 * - DOWN (CLI): both tasks end TASK_GONE_BY_OPERATOR with REASON_AGENT_REMOVED
 *   and a message naming the machine; the agent is removed and its
 *   registration is refused with the reason (its log says so);
 * - a master restart keeps the schedule and the DOWN machine (the agent is
 *   still refused);
 * - UP (Mesos's STOP_MAINTENANCE): the machine leaves the schedule and its
 *   agent registers again;
 * - Mesos's old endpoints round trip machine B through DRAINING, DOWN and UP.
 *
 * Needs the build (`npx tsc -b`).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pb, type Offer, type TaskStatus } from '@meseta/proto/wire';
import { SchedulerDriver, compileTask, type InverseOffer } from '@meseta/sdk';
import { silentLogger } from '@meseta/runtime/log';
import { runCli } from '../harness/cli';
import { startCluster, type Cluster } from '../harness/cluster';
import { getState, httpGet } from '../harness/operator';
import { waitFor } from '../harness/wait-for';
import { operatorCall } from '../support/mesos-operator-client';

const M = pb.master;
const A = 'maint-a.test';
const B = 'maint-b.test';

/** A framework that notes offers, inverse offers and updates. */
class Framework {
  readonly offers: Offer[] = [];
  readonly inverse: InverseOffer[] = [];
  readonly rescinded: string[] = [];
  readonly updates: TaskStatus[] = [];
  readonly driver: SchedulerDriver;
  id = '';

  constructor(master: string, name: string) {
    this.driver = new SchedulerDriver({
      master,
      logger: silentLogger,
      framework: { name },
      handlers: {
        offers: (offers) => void this.offers.push(...offers),
        inverseOffers: (list) => void this.inverse.push(...list),
        rescindInverseOffer: (id) => void this.rescinded.push(id),
        update: (status) => void this.updates.push(status),
      },
    });
  }

  async start(): Promise<void> {
    this.id = await this.driver.start();
  }

  /** Run a long task on the agent with this hostname. */
  async runOn(hostname: string, name: string): Promise<void> {
    const offer = await waitFor(() => this.offers.find((o) => o.hostname === hostname), 30_000, `an offer of ${hostname}`);
    this.offers.splice(this.offers.indexOf(offer), 1);
    await this.driver.launch([offer.id!.value!], [compileTask({ name, taskId: name, command: 'sleep 600', cpus: 0.1, mem: 16 }, offer)]);
    await waitFor(() => this.updates.some((u) => u.task_id?.value === name && u.state === pb.TaskState.TASK_RUNNING), 60_000, `${name} running`);
  }

  last(taskId: string): TaskStatus | undefined {
    return [...this.updates].reverse().find((u) => u.task_id?.value === taskId);
  }
}

let cluster: Cluster;
let workDir: string;
let accepter: Framework;
let silent: Framework;
const start = Math.floor(Date.now() / 1000) + 3600;

async function cli(...args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return runCli(['maintenance', ...args, '--master', cluster.masterAddress]);
}

function mesos(call: Record<string, unknown>) {
  return operatorCall(cluster.masterAddress, M.Call, M.Response, M.Call.fromObject(call));
}

beforeAll(async () => {
  workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'meseta-maintenance-'));
  cluster = await startCluster({
    agents: 2, name: 'maintenance',
    masterFlags: ['--work-dir', workDir],
    agentFlags: (i) => ['--hostname', i === 0 ? A : B],
  });
  accepter = new Framework(cluster.masterAddress, 'maintenance-accepter');
  silent = new Framework(cluster.masterAddress, 'maintenance-silent');
  await accepter.start();
  await silent.start();
  await accepter.runOn(A, 'on-a-1');
  await silent.runOn(A, 'on-a-2');
}, 180_000);

afterAll(async () => {
  await accepter?.driver.stop().catch(() => undefined);
  await silent?.driver.stop().catch(() => undefined);
  await cluster?.stop();
  fs.rmSync(workDir, { recursive: true, force: true });
}, 120_000);

describe('maintenance', () => {
  it('a window makes frameworks with tasks there get inverse offers; offers carry the unavailability; answers are shown', async () => {
    const scheduled = await cli('schedule', A, '--start', new Date(start * 1000).toISOString(), '--duration', '2h');
    expect(scheduled.stderr).toBe('');
    expect(scheduled.code).toBe(0);
    expect(scheduled.stdout).toMatch(new RegExp(`^0\\s+${A.replace(/\./g, '\\.')}\\s+in (59|60)m`, 'm'));

    const io = await waitFor(() => accepter.inverse.find((i) => i.agent_id?.value === cluster.agents[0]!.agentId), 30_000, 'an inverse offer for agent A');
    expect(Number(io.unavailability?.start?.nanoseconds)).toBe(start * 1e9);
    expect(Number(io.unavailability?.duration?.nanoseconds)).toBe(7200 * 1e9);
    await waitFor(() => silent.inverse.length > 0, 30_000, 'an inverse offer to the second framework');
    expect(accepter.inverse.every((i) => i.agent_id?.value !== cluster.agents[1]!.agentId)).toBe(true);

    // Offers of A were rescinded and come back with the window (to either framework); B's have none.
    const earlier = [...accepter.offers, ...silent.offers];
    accepter.offers.length = 0;
    silent.offers.length = 0;
    const offerA = await waitFor(() => [...accepter.offers, ...silent.offers].find((o) => o.hostname === A), 30_000, 'an offer of A');
    expect(Number(offerA.unavailability?.start?.nanoseconds)).toBe(start * 1e9);
    const offerB = await waitFor(() => [...earlier, ...accepter.offers, ...silent.offers].find((o) => o.hostname === B), 30_000, 'an offer of B');
    expect(offerB.unavailability ?? undefined).toBeUndefined();

    await accepter.driver.acceptInverseOffers([io.id!.value!], { refuseSeconds: 3600 });
    const status = await waitFor(async () => {
      const r = await cli('status', '--json');
      const doc = JSON.parse(r.stdout) as { machines: Array<{ mode: string; agents: string[]; answers: Array<{ framework_id: string; answer: string }> }> };
      const m = doc.machines[0];
      return m?.answers.some((a) => a.framework_id === accepter.id && a.answer === 'ACCEPT') ? doc : undefined;
    }, 30_000, 'the accept shown by meseta maintenance status');
    expect(status.machines).toHaveLength(1);
    expect(status.machines[0]).toMatchObject({ machine: { hostname: A }, mode: 'DRAINING', agents: [cluster.agents[0]!.agentId] });
    expect(status.machines[0]!.answers).toEqual(expect.arrayContaining([expect.objectContaining({ framework_id: silent.id, answer: 'NOT ANSWERED' })]));

    const table = await cli();
    expect(table.stdout).toMatch(new RegExp(`^${A.replace(/\./g, '\\.')}\\s+DRAINING\\s+in \\S+, for 2h\\s+1\\s+1\\s+0\\s+1$`, 'm'));
    expect(table.stdout).toMatch(new RegExp(`${accepter.id}\\s+ACCEPT\\s+`));

    // Mesos's operator API sees the same.
    const schedule = await mesos({ type: M.Call.Type.GET_MAINTENANCE_SCHEDULE });
    expect(schedule.status).toBe(200);
    expect(JSON.parse(schedule.text).get_maintenance_schedule.schedule.windows[0].machine_ids).toEqual([{ hostname: A }]);
    const mesosStatus = JSON.parse((await mesos({ type: M.Call.Type.GET_MAINTENANCE_STATUS })).text).get_maintenance_status.status;
    expect(mesosStatus.draining_machines[0].id).toEqual({ hostname: A });
    expect(mesosStatus.draining_machines[0].statuses).toEqual(expect.arrayContaining([expect.objectContaining({ framework_id: { value: accepter.id }, status: 'ACCEPT' })]));
  }, 120_000);

  it('refuses bad maintenance input naming the field', async () => {
    const twice = await mesos({
      type: M.Call.Type.UPDATE_MAINTENANCE_SCHEDULE,
      update_maintenance_schedule: { schedule: { windows: [
        { machine_ids: [{ hostname: A }], unavailability: { start: { nanoseconds: start * 1e9 } } },
        { machine_ids: [{ hostname: B }, { hostname: A }], unavailability: { start: { nanoseconds: start * 1e9 } } },
      ] } },
    });
    expect(twice.status).toBe(400);
    expect(twice.text).toMatch(/^update_maintenance_schedule\.schedule\.windows\[1\]\.machine_ids\[1\]: machine maint-a\.test is already in .*windows\[0\]\.machine_ids\[0\]; a machine may be in one window only/);
    const notScheduled = await mesos({ type: M.Call.Type.START_MAINTENANCE, start_maintenance: { machines: [{ hostname: B }] } });
    expect(notScheduled.status).toBe(400);
    expect(notScheduled.text).toMatch(/^start_maintenance\.machines\[0\]: machine maint-b\.test is not in the maintenance schedule; schedule it first/);
    const upDraining = await mesos({ type: M.Call.Type.STOP_MAINTENANCE, stop_maintenance: { machines: [{ hostname: A }] } });
    expect(upDraining.status).toBe(400);
    expect(upDraining.text).toMatch(/^stop_maintenance\.machines\[0\]: machine maint-a\.test is DRAINING, not DOWN/);
    const badIp = await mesos({ type: M.Call.Type.START_MAINTENANCE, start_maintenance: { machines: [{ ip: '192.0.2.999' }] } });
    expect(badIp.status).toBe(400);
    expect(badIp.text).toMatch(/start_maintenance\.machines\[0\]\.ip: "192\.0\.2\.999" is not an IPv4 or IPv6 address/);
    const cliDown = await cli('down', B);
    expect(cliDown.code).not.toBe(0);
    expect(cliDown.stderr).toMatch(/the master refused: start_maintenance\.machines\[0\]: machine maint-b\.test is not in the maintenance schedule/);
    const cliStart = await cli('schedule', B, '--start', 'soonish');
    expect(cliStart.code).not.toBe(0);
    expect(cliStart.stderr).toMatch(/--start: "soonish" is not now, a delay/);
    const unknownAction = await cli('sideways', A);
    expect(unknownAction.code).not.toBe(0);
    expect(unknownAction.stderr).toMatch(/maintenance: unknown action 'sideways' \(status, schedule, down, up\)/);
    const badFile = path.join(workDir, 'bad-schedule.json');
    fs.writeFileSync(badFile, '{"windows": [');
    const fileRefused = await cli('schedule', '--file', badFile);
    expect(fileRefused.code).not.toBe(0);
    expect(fileRefused.stderr).toMatch(/--file: .*bad-schedule\.json is not JSON/);
    const noStart = path.join(workDir, 'no-unavailability.json');
    fs.writeFileSync(noStart, JSON.stringify({ windows: [{ machine_ids: [{ hostname: A }] }] }));
    const noUnavailability = await cli('schedule', '--file', noStart);
    expect(noUnavailability.stderr).toMatch(/the master refused: update_maintenance_schedule\.schedule\.windows\[0\]\.unavailability: required/);
    // Nothing changed.
    expect(JSON.parse((await cli('schedule', '--json')).stdout).windows).toHaveLength(1);
  }, 60_000);

  it('DOWN kills the machine\'s tasks, removes its agent and refuses it with the reason', async () => {
    const agentId = cluster.agents[0]!.agentId;
    const down = await cli('down', A);
    expect(down.stderr).toBe('');
    expect(down.stdout).toMatch(/^machine maint-a\.test: DOWN; its agents were removed/);
    for (const [fw, task] of [[accepter, 'on-a-1'], [silent, 'on-a-2']] as const) {
      const last = await waitFor(() => {
        const s = fw.last(task);
        return s && s.state === pb.TaskState.TASK_GONE_BY_OPERATOR ? s : undefined;
      }, 30_000, `${task} ended by the DOWN`);
      expect(last.reason).toBe(pb.TaskStatus.Reason.REASON_AGENT_REMOVED);
      expect(last.message).toMatch(/machine maint-a\.test is DOWN for maintenance/);
    }
    await waitFor(() => /registration refused: machine maint-a\.test is DOWN for maintenance/.test(cluster.agents[0]!.meseta.stderr()), 30_000, 'the agent told why it is refused');
    const state = await getState(cluster.masterAddress);
    expect((state.agents ?? []).filter((a) => a.agent_info.hostname === A && a.status !== 'GONE')).toEqual([]);
    expect((state.agents ?? []).find((a) => a.agent_info.id?.value === agentId)?.status ?? 'GONE').toBe('GONE');
    const status = JSON.parse((await cli('status', '--json')).stdout) as { machines: Array<{ mode: string; down_since: string | null }> };
    expect(status.machines[0]).toMatchObject({ mode: 'DOWN' });
    expect(status.machines[0]!.down_since).not.toBeNull();
  }, 90_000);

  it('the schedule and the DOWN machine survive a master restart', async () => {
    await cluster.master.restart();
    const schedule = await waitFor(async () => {
      const r = await mesos({ type: M.Call.Type.GET_MAINTENANCE_SCHEDULE });
      return r.status === 200 ? JSON.parse(r.text).get_maintenance_schedule.schedule : undefined;
    }, 30_000, 'the schedule from the restarted master');
    expect(schedule.windows).toHaveLength(1);
    expect(Number(schedule.windows[0].unavailability.start.nanoseconds)).toBe(start * 1e9);
    const status = JSON.parse((await mesos({ type: M.Call.Type.GET_MAINTENANCE_STATUS })).text).get_maintenance_status.status;
    expect(status.down_machines).toEqual([{ hostname: A }]);
    // The agent keeps asking and is still refused by the new master.
    const before = cluster.agents[0]!.meseta.stderr().split('DOWN for maintenance').length;
    await waitFor(() => cluster.agents[0]!.meseta.stderr().split('DOWN for maintenance').length > before, 60_000, 'a refusal from the restarted master');
  }, 120_000);

  it('UP (Mesos STOP_MAINTENANCE) takes the machine out of the schedule and lets its agent register again', async () => {
    const up = await mesos({ type: M.Call.Type.STOP_MAINTENANCE, stop_maintenance: { machines: [{ hostname: A }] } });
    expect(up.status).toBe(200);
    await waitFor(async () => (await getState(cluster.masterAddress)).agents?.some((a) => a.agent_info.hostname === A && a.status === 'ACTIVE'), 60_000, 'agent A registered again');
    expect(JSON.parse((await cli('schedule', '--json')).stdout).windows).toEqual([]);
    expect((await cli()).stdout).toMatch(/^no machine is scheduled for maintenance or DOWN\s*$/);
  }, 90_000);

  it('Mesos\'s old endpoints: /maintenance/schedule, /machine/down, /machine/up, /maintenance/status', async () => {
    const post = (p: string, body: string) => operatorCall(cluster.masterAddress, M.Call, M.Response, {}, { path: p, rawBody: body });
    const schedule = { windows: [{ machine_ids: [{ hostname: B }], unavailability: { start: { nanoseconds: String(start * 1e9) } } }] };
    expect((await post('/master/maintenance/schedule', JSON.stringify(schedule))).status).toBe(200);
    const read = await httpGet(cluster.masterAddress, '/maintenance/schedule');
    expect(JSON.parse(read.body).windows[0].machine_ids).toEqual([{ hostname: B }]);
    const bad = await post('/machine/down', '{"hostname": "x"}');
    expect(bad.status).toBe(400);
    expect(bad.text).toMatch(/^body: must be a list of machines/);
    expect((await httpGet(cluster.masterAddress, '/machine/down')).status).toBe(405);
    expect((await post('/machine/down', JSON.stringify([{ hostname: B }]))).status).toBe(200);
    const status = JSON.parse((await httpGet(cluster.masterAddress, '/master/maintenance/status')).body);
    expect(status).toEqual({ draining_machines: [], down_machines: [{ hostname: B }] });
    await waitFor(async () => !(await getState(cluster.masterAddress)).agents?.some((a) => a.agent_info.hostname === B && a.status === 'ACTIVE'), 30_000, 'agent B removed');
    expect((await post('/machine/up', JSON.stringify([{ hostname: B }]))).status).toBe(200);
    await waitFor(async () => (await getState(cluster.masterAddress)).agents?.some((a) => a.agent_info.hostname === B && a.status === 'ACTIVE'), 60_000, 'agent B registered again');
  }, 120_000);
});
