/**
 * No refusal is lost, against a real `meseta master` and agent on
 * 127.0.0.1: many ACCEPTs that mix valid tasks with tasks the master refuses
 * (TASK_ERROR: too large, no resources; TASK_DROPPED: a used offer) and
 * tasks only the agent refuses (a blank shell command, alone and inside a
 * task group), with the agent restarted in between. Every task asked for
 * must end with exactly one answer: TASK_FINISHED, or a refusal with a
 * reason and a message. Once through the SDK (gRPC) and once through the
 * Mesos Scheduler HTTP API in raw JSON.
 */
import { startCluster, type Cluster } from '../harness/cluster';
import { waitFor } from '../harness/wait-for';
import { compileTask, type SchedulerDriver } from '@meseta/sdk';
import type { Offer, Operation, TaskInfo } from '@meseta/proto/wire';
import { OperationType, pb } from '@meseta/proto/wire';
import { Recorder, stateName } from '../support/recorder';
import { SchedulerStream, rawRequest, type Json } from '../support/mesos-scheduler-client';

const ROUNDS = 6;
const RESTART_AT = 3;
const TERMINAL = new Set(['TASK_FINISHED', 'TASK_FAILED', 'TASK_KILLED', 'TASK_ERROR', 'TASK_DROPPED', 'TASK_LOST', 'TASK_GONE']);
/** What each kind of task must end as: its state and, for a refusal, its reason. */
const EXPECTED: Record<string, string> = {
  ok: 'TASK_FINISHED',
  big: 'TASK_ERROR(REASON_TASK_INVALID)',
  blank: 'TASK_ERROR(REASON_TASK_INVALID)',
  'group-ok': 'TASK_ERROR(REASON_TASK_GROUP_INVALID)',
  'group-blank': 'TASK_ERROR(REASON_TASK_GROUP_INVALID)',
  stale: 'TASK_DROPPED(REASON_INVALID_OFFERS)',
};
const kindOf = (taskId: string): string => taskId.replace(/-\d+$/, '');

/** Sum of the scalar resource `name` in an offer's resources (ours or Mesos's JSON: both carry `scalar.value`). */
function scalarIn(resources: ReadonlyArray<{ name?: string | null; scalar?: { value?: number | null } | null }>, name: string): number {
  return resources.filter((r) => r.name === name).reduce((sum, r) => sum + Number(r.scalar?.value ?? 0), 0);
}

/** True when an offer holds a round's valid tasks: ok, the group's executor and its two tasks (0.1 cpus and 16 MB each), with room. */
function holdsRound(resources: ReadonlyArray<{ name?: string | null; scalar?: { value?: number | null } | null }>): boolean {
  return scalarIn(resources, 'cpus') >= 0.5 && scalarIn(resources, 'mem') >= 80;
}
/** One update as the test keeps it (uuid empty for the master's own, which carry none). */
interface Answer {
  state: string;
  reason: string;
  message: string;
  uuid: string;
}

describe('refused tasks always reach the framework (real master and agent)', () => {
  let cluster: Cluster;
  const drivers: SchedulerDriver[] = [];

  beforeAll(async () => {
    cluster = await startCluster({ agents: 1, name: 'refusal-delivery', masterFlags: ['--allocation-interval', '100ms'] });
  });

  afterEach(async () => {
    for (const d of drivers.splice(0)) await d.teardown().catch(() => undefined);
  });

  afterAll(async () => {
    await cluster?.stop();
  });

  /** Each round's task ids, by kind. */
  const idsOf = (round: number): string[] => ['ok', 'big', 'blank', 'group-ok', 'group-blank', 'stale'].map((k) => `${k}-${round}`);

  /**
   * Check: every task asked for got exactly one terminal answer (an agent's
   * update resent with the same uuid counts once: delivery is at least
   * once), the expected one, with a message when refused. A valid task
   * launched before the agent restart may instead be killed by the stop.
   */
  function checkAnswers(asked: string[], answers: Map<string, Answer[]>): void {
    const problems: string[] = [];
    for (const id of asked) {
      const seen = new Set<string>();
      const terminal = (answers.get(id) ?? []).filter((a) => TERMINAL.has(a.state) && (!a.uuid || !seen.has(a.uuid)) && (seen.add(a.uuid), true));
      const got = terminal.map((a) => (a.state === 'TASK_FINISHED' ? a.state : `${a.state}(${a.reason})`));
      const round = Number(/-(\d+)$/.exec(id)![1]);
      const killedByRestart = kindOf(id) === 'ok' && round < RESTART_AT && got.length === 1 && got[0].startsWith('TASK_KILLED(');
      if (!killedByRestart && (got.length !== 1 || got[0] !== EXPECTED[kindOf(id)])) problems.push(`${id}: expected ${EXPECTED[kindOf(id)]}, got [${got.join(', ')}]`);
      if (terminal[0] && terminal[0].state !== 'TASK_FINISHED' && !terminal[0].message) problems.push(`${id}: refusal without a message`);
    }
    expect(problems).toEqual([]);
  }

  it('through the SDK over gRPC', async () => {
    const fw = new Recorder(cluster.masterAddress, { name: 'refusals-grpc' });
    drivers.push(fw.driver);
    await fw.driver.start();
    const asked: string[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      if (round === RESTART_AT) {
        await cluster.agents[0].restart();
      }
      // An offer that holds every valid task of the round; smaller ones (resources freed a task at a
      // time between allocation passes) are declined, or the ok task would rightly be refused as too big.
      const offer = await waitFor(
        () => {
          for (const o of fw.open()) {
            if (holdsRound(o.resources ?? [])) return o;
            fw.used.add(o.id!.value!);
            void fw.driver.decline([o.id!.value!], { refuseSeconds: 0 }).catch(() => undefined);
          }
          return undefined;
        },
        30_000,
        `an offer in round ${round}`,
      );
      fw.used.add(offer.id!.value!);
      const task = (id: string, command = 'exit 0', cpus = 0.1): TaskInfo => compileTask({ name: id, taskId: id, command, cpus, mem: 16 }, offer);
      const big = task(`big-${round}`);
      big.resources = big.resources!.map((r) => (r.name === 'cpus' ? { ...r, scalar: { value: 1000 } } : r));
      const operations: Operation[] = [
        { type: OperationType.LAUNCH, launch: { task_infos: [task(`ok-${round}`), big, task(`blank-${round}`, '   ')] } },
        {
          type: OperationType.LAUNCH_GROUP,
          launch_group: {
            executor: { type: pb.ExecutorInfo.Type.DEFAULT, executor_id: { value: `pod-${round}` }, resources: task('x').resources },
            task_group: { tasks: [task(`group-ok-${round}`), task(`group-blank-${round}`, ' ')] },
          },
        },
      ];
      await fw.driver.accept([offer.id!.value!], operations, { refuseSeconds: 0 });
      // The offer is used: naming it again is answered TASK_DROPPED.
      await fw.driver.launch([offer.id!.value!], [task(`stale-${round}`)]);
      asked.push(...idsOf(round));
    }
    const answers = (): Map<string, Answer[]> => {
      const out = new Map<string, Answer[]>();
      for (const u of fw.updates) {
        const id = u.task_id?.value ?? '';
        const uuid = u.uuid && u.uuid.length > 0 ? Buffer.from(u.uuid).toString('base64') : '';
        out.set(id, [...(out.get(id) ?? []), { state: stateName(u), reason: pb.TaskStatus.Reason[u.reason ?? 0] ?? '', message: u.message ?? '', uuid }]);
      }
      return out;
    };
    await waitFor(() => asked.every((id) => (answers().get(id) ?? []).some((a) => TERMINAL.has(a.state))), 60_000, 'a terminal answer for every task');
    checkAnswers(asked, answers());
  });

  it('through the Mesos Scheduler HTTP API (JSON)', async () => {
    const stream = new SchedulerStream(cluster.masterAddress, {
      type: 'SUBSCRIBE',
      subscribe: { framework_info: { user: process.env.USER || 'root', name: 'refusals-http', roles: ['*'], capabilities: [{ type: 'MULTI_ROLE' }] } },
    });
    const frameworkId = (await waitFor(() => stream.ofType('SUBSCRIBED')[0], 20_000, 'SUBSCRIBED')).subscribed.framework_id.value as string;
    const call = (body: Json) => rawRequest(cluster.masterAddress, { framework_id: { value: frameworkId }, ...body }, { headers: { 'mesos-stream-id': stream.streamId } });
    // Acknowledge every update with a uuid, as a Mesos framework must.
    let acked = 0;
    const ackTimer = setInterval(() => {
      const updates = stream.ofType('UPDATE');
      for (; acked < updates.length; acked++) {
        const s = updates[acked].update.status;
        if (s.uuid) void call({ type: 'ACKNOWLEDGE', acknowledge: { agent_id: s.agent_id, task_id: s.task_id, uuid: s.uuid } }).catch(() => undefined);
      }
    }, 50);
    const used = new Set<string>();
    const asked: string[] = [];
    try {
      for (let round = 0; round < ROUNDS; round++) {
        if (round === RESTART_AT) await cluster.agents[0].restart();
        const offer = await waitFor(
          () => {
            const rescinded = new Set(stream.ofType('RESCIND').map((e) => e.rescind.offer_id.value));
            for (const o of stream.ofType('OFFERS').flatMap((e) => e.offers.offers as Json[])) {
              if (used.has(o.id.value) || rescinded.has(o.id.value)) continue;
              if (holdsRound(o.resources ?? [])) return o;
              // Too small for the round's valid tasks (see the gRPC case): decline it.
              used.add(o.id.value);
              void call({ type: 'DECLINE', decline: { offer_ids: [o.id], filters: { refuse_seconds: 0 } } }).catch(() => undefined);
            }
            return undefined;
          },
          30_000,
          `an offer in round ${round}`,
        );
        used.add(offer.id.value);
        const resources = (cpus: number): Json[] => [
          { name: 'cpus', type: 'SCALAR', scalar: { value: cpus }, role: '*', allocation_info: offer.allocation_info },
          { name: 'mem', type: 'SCALAR', scalar: { value: 16 }, role: '*', allocation_info: offer.allocation_info },
        ];
        const task = (id: string, command = 'exit 0', cpus = 0.1): Json => ({ name: id, task_id: { value: id }, agent_id: offer.agent_id, resources: resources(cpus), command: { shell: true, value: command } });
        const accepted = await call({
          type: 'ACCEPT',
          accept: {
            offer_ids: [offer.id],
            filters: { refuse_seconds: 0 },
            operations: [
              { type: 'LAUNCH', launch: { task_infos: [task(`ok-${round}`), task(`big-${round}`, 'exit 0', 1000), task(`blank-${round}`, '   ')] } },
              {
                type: 'LAUNCH_GROUP',
                launch_group: {
                  executor: { type: 'DEFAULT', executor_id: { value: `pod-${round}` }, framework_id: { value: frameworkId }, resources: resources(0.1) },
                  task_group: { tasks: [task(`group-ok-${round}`), task(`group-blank-${round}`, ' ')] },
                },
              },
            ],
          },
        });
        expect(accepted.status).toBe(202);
        const stale = await call({ type: 'ACCEPT', accept: { offer_ids: [offer.id], operations: [{ type: 'LAUNCH', launch: { task_infos: [task(`stale-${round}`)] } }] } });
        expect(stale.status).toBe(202);
        asked.push(...idsOf(round));
      }
      const answers = (): Map<string, Answer[]> => {
        const out = new Map<string, Answer[]>();
        for (const e of stream.ofType('UPDATE')) {
          const s = e.update.status;
          const id = s.task_id.value as string;
          out.set(id, [...(out.get(id) ?? []), { state: s.state, reason: s.reason ?? '', message: s.message ?? '', uuid: s.uuid ?? '' }]);
        }
        return out;
      };
      await waitFor(() => asked.every((id) => (answers().get(id) ?? []).some((a) => TERMINAL.has(a.state))), 60_000, 'a terminal answer for every task');
      checkAnswers(asked, answers());
      await call({ type: 'TEARDOWN' });
    } finally {
      clearInterval(ackTimer);
      stream.close();
    }
  });
});
