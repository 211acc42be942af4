/**
 * Operation feedback on Mesos's Scheduler HTTP API (issue 14), in raw HTTP
 * (JSON and protobuf) against a real `meseta master` (registry file) and
 * agent: a RESERVE with an id gets UPDATE_OPERATION_STATUS
 * OPERATION_FINISHED with its converted resources in the framework's
 * resource form (pre-refinement `role`/`reservation` for a framework
 * without RESERVATION_REFINEMENT) and a uuid; ACKNOWLEDGE_OPERATION_STATUS
 * and RECONCILE_OPERATIONS answer 202, the reconciliation OPERATION_UNKNOWN
 * once acknowledged; a refused RESERVE with an id answers 400 and
 * OPERATION_ERROR naming the field.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { startCluster, type Cluster } from '../harness/cluster';
import { waitFor } from '../harness/wait-for';
import { SchedulerStream, rawRequest, type Json } from '../support/mesos-scheduler-client';

type Format = 'json' | 'protobuf';

describe('operation feedback on the Mesos Scheduler HTTP API', () => {
  let cluster: Cluster;
  let workDir: string;

  beforeAll(async () => {
    workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'meseta-operation-feedback-'));
    cluster = await startCluster({ name: 'operation-feedback-http', agents: 1, masterFlags: ['--work-dir', workDir, '--allocation-interval', '200ms'] });
  }, 120_000);

  afterAll(async () => {
    await cluster?.stop();
    if (workDir) fs.rmSync(workDir, { recursive: true, force: true });
  });

  it.each<Format>(['json', 'protobuf'])('in %s', async (format) => {
    const role = `eng-${format}`;
    const info = { user: process.env.USER || 'root', name: `feedback-${format}`, roles: [role], capabilities: [{ type: 'MULTI_ROLE' }], failover_timeout: 0 };
    const stream = new SchedulerStream(cluster.master.address, { type: 'SUBSCRIBE', subscribe: { framework_info: info } }, { format });
    try {
      const frameworkId = (await waitFor(() => stream.ofType('SUBSCRIBED')[0], 20_000, 'SUBSCRIBED')).subscribed.framework_id.value as string;
      const call = (body: Json) => rawRequest(cluster.master.address, { framework_id: { value: frameworkId }, ...body }, { format, headers: { 'mesos-stream-id': stream.streamId } });
      const statuses = (): Json[] => stream.ofType('UPDATE_OPERATION_STATUS').map((e) => e.update_operation_status.status);
      const offer = await waitFor(() => stream.ofType('OFFERS').flatMap((e) => e.offers.offers)[0], 20_000, 'an offer');
      // Mesos's pre-refinement form: role + reservation, with the offer's allocation_info.
      const reserve = (id: string, cpus: number): Json => ({
        type: 'RESERVE',
        id: { value: id },
        reserve: { resources: [{ name: 'cpus', type: 'SCALAR', scalar: { value: cpus }, role, reservation: {}, allocation_info: offer.allocation_info }] },
      });

      const refused = await call({ type: 'ACCEPT', accept: { offer_ids: [offer.id], operations: [reserve('too-much', 64)] } });
      expect(refused.status).toBe(400);
      expect(refused.body.toString()).toContain('accept.operations[0].reserve.resources: the resources to reserve are not all there: cpus: asked 64');
      const error = await waitFor(() => statuses().find((s) => s.operation_id.value === 'too-much'), 10_000, 'OPERATION_ERROR of too-much');
      expect(error.state).toBe('OPERATION_ERROR');
      expect(error.message).toContain('accept.operations[0].reserve.resources');

      const accepted = await call({ type: 'ACCEPT', accept: { offer_ids: [offer.id], operations: [reserve('res-1', 0.5)] } });
      expect(accepted.status).toBe(202);
      const finished = await waitFor(() => statuses().find((s) => s.operation_id.value === 'res-1'), 10_000, 'OPERATION_FINISHED of res-1');
      expect(finished.state).toBe('OPERATION_FINISHED');
      expect(finished.agent_id.value).toBe(offer.agent_id.value);
      expect(typeof finished.uuid.value).toBe('string');
      expect(finished.converted_resources).toEqual([
        expect.objectContaining({ name: 'cpus', scalar: { value: 0.5 }, role, allocation_info: { role } }),
      ]);
      expect(finished.converted_resources[0].reservations).toBeUndefined();

      const ack = await call({ type: 'ACKNOWLEDGE_OPERATION_STATUS', acknowledge_operation_status: { agent_id: finished.agent_id, operation_id: finished.operation_id, uuid: finished.uuid.value } });
      expect(ack.status).toBe(202);
      const seen = statuses().length;
      const reconcile = await call({ type: 'RECONCILE_OPERATIONS', reconcile_operations: { operations: [{ operation_id: { value: 'res-1' } }, { operation_id: { value: 'too-much' } }] } });
      expect(reconcile.status).toBe(202);
      const answers = await waitFor(() => (statuses().length >= seen + 2 ? statuses().slice(seen) : undefined), 10_000, 'the reconciliation answers');
      expect(answers.map((s) => [s.operation_id.value, s.state])).toEqual([
        ['res-1', 'OPERATION_UNKNOWN'],
        ['too-much', 'OPERATION_ERROR'],
      ]);
      expect(stream.problems).toEqual([]);
      await call({ type: 'TEARDOWN' });
    } finally {
      stream.close();
    }
  }, 90_000);
});
