/**
 * Persistent volumes on Mesos's Scheduler HTTP API (raw HTTP, JSON and
 * protobuf) against a real `meseta master` (registry file) and agent: an
 * ACCEPT of RESERVE + CREATE in Mesos's pre-refinement resource form
 * answers 202 and the volume comes back in a later offer with its
 * `disk.persistence` and `disk.volume`; a bad CREATE answers 400 naming the
 * field; DESTROY + UNRESERVE give the disk back.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { startCluster, type Cluster } from '../harness/cluster';
import { waitFor } from '../harness/wait-for';
import { SchedulerStream, rawRequest, type Json } from '../support/mesos-scheduler-client';

type Format = 'json' | 'protobuf';

describe('persistent volumes on the Mesos Scheduler HTTP API', () => {
  let cluster: Cluster;
  let workDir: string;

  beforeAll(async () => {
    workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'meseta-volumes-http-'));
    cluster = await startCluster({ name: 'volumes-http', agents: 1, masterFlags: ['--work-dir', workDir, '--allocation-interval', '200ms'] });
  }, 120_000);

  afterAll(async () => {
    await cluster?.stop();
    if (workDir) fs.rmSync(workDir, { recursive: true, force: true });
  });

  it.each<Format>(['json', 'protobuf'])('in %s', async (format) => {
    const role = `db-${format}`;
    const info = { user: process.env.USER || 'root', name: `volumes-${format}`, roles: [role], capabilities: [{ type: 'MULTI_ROLE' }], failover_timeout: 0 };
    const stream = new SchedulerStream(cluster.master.address, { type: 'SUBSCRIBE', subscribe: { framework_info: info } }, { format });
    try {
      const frameworkId = (await waitFor(() => stream.ofType('SUBSCRIBED')[0], 20_000, 'SUBSCRIBED')).subscribed.framework_id.value as string;
      const call = (body: Json) => rawRequest(cluster.master.address, { framework_id: { value: frameworkId }, ...body }, { format, headers: { 'mesos-stream-id': stream.streamId } });
      const offers = (): Json[] => stream.ofType('OFFERS').flatMap((e) => e.offers.offers);
      const offer = await waitFor(() => offers()[0], 20_000, 'an offer');
      // Mesos's pre-refinement form: role + reservation, with the offer's allocation_info.
      const disk = { name: 'disk', type: 'SCALAR', scalar: { value: 32 }, role, reservation: {}, allocation_info: offer.allocation_info };
      const volume = (id: string, containerPath: string): Json => ({ ...disk, disk: { persistence: { id }, volume: { container_path: containerPath, mode: 'RW' } } });

      const refused = await call({ type: 'ACCEPT', accept: { offer_ids: [offer.id], operations: [{ type: 'RESERVE', reserve: { resources: [disk] } }, { type: 'CREATE', create: { volumes: [volume('v1', '')] } }] } });
      expect(refused.status).toBe(400);
      expect(refused.body.toString()).toContain('accept.operations[1].create.volumes[0].disk.volume.container_path: required');

      const accepted = await call({
        type: 'ACCEPT',
        accept: { offer_ids: [offer.id], operations: [{ type: 'RESERVE', reserve: { resources: [disk] } }, { type: 'CREATE', create: { volumes: [volume('v1', 'data')] } }], filters: { refuse_seconds: 0 } },
      });
      expect(accepted.status).toBe(202);
      const withVolume = await waitFor(
        () => offers().find((o) => o.id.value !== offer.id.value && (o.resources ?? []).some((r: Json) => r.disk?.persistence?.id === 'v1')),
        20_000,
        'an offer holding volume v1',
      );
      const offered = withVolume.resources.find((r: Json) => r.disk?.persistence?.id === 'v1');
      expect(offered).toEqual(expect.objectContaining({ name: 'disk', role, scalar: { value: 32 } }));
      expect(offered.disk.volume).toEqual(expect.objectContaining({ container_path: 'data', mode: 'RW' }));

      const before = offers().length;
      const destroyed = await call({
        type: 'ACCEPT',
        accept: { offer_ids: [withVolume.id], operations: [{ type: 'DESTROY', destroy: { volumes: [volume('v1', 'data')] } }, { type: 'UNRESERVE', unreserve: { resources: [disk] } }], filters: { refuse_seconds: 0 } },
      });
      expect(destroyed.status).toBe(202);
      // The agent's whole disk is offered unreserved again.
      const unreservedDisk = (o: Json): number => (o.resources ?? []).filter((r: Json) => r.name === 'disk' && (r.role ?? '*') === '*').reduce((sum: number, r: Json) => sum + r.scalar.value, 0);
      const plain = await waitFor(() => offers().slice(before).find((o) => unreservedDisk(o) === 8192), 20_000, 'an offer of the whole disk, unreserved');
      expect((plain.resources ?? []).some((r: Json) => r.disk?.persistence || r.role === role)).toBe(false);
      expect(stream.problems).toEqual([]);
      await call({ type: 'TEARDOWN' });
    } finally {
      stream.close();
    }
  }, 90_000);
});
