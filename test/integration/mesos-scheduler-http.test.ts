/**
 * Conformance of `POST /api/v1/scheduler` with Mesos's Scheduler HTTP API,
 * written from the Mesos docs and spoken in raw HTTP (no SDK) against a real
 * `meseta master` and agent: every call in JSON and in protobuf, status
 * codes, headers, RecordIO framing (one record per chunk, ASCII JSON), the
 * refusals with text bodies, and bad input that leaves the daemon fine.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { startCluster, type Cluster, type ClusterMaster } from '../harness/cluster';
import { startZooKeeper, type ZooKeeperServer } from '../setup/zookeeper';
import { waitFor } from '../harness/wait-for';
import { httpGet } from '../harness/operator';
import { SchedulerStream, rawRequest, type Json } from '../support/mesos-scheduler-client';

type Format = 'json' | 'protobuf';

const FRAMEWORK = (name: string): Json => ({ user: process.env.USER || 'root', name, roles: ['*'], capabilities: [{ type: 'MULTI_ROLE' }], failover_timeout: 60 });

function scalar(resources: Json[], name: string): number {
  return resources.filter((r) => r.name === name).reduce((sum, r) => sum + (r.scalar?.value ?? 0), 0);
}

/**
 * A subscribed raw-HTTP framework. It acknowledges every update that carries
 * a uuid, as a Mesos framework must (the agent sends a task's next update
 * only once the last one is acknowledged), and keeps the answers' codes.
 */
class RawFramework {
  readonly stream: SchedulerStream;
  /** HTTP codes of the ACKNOWLEDGE calls made. */
  readonly ackCodes: number[] = [];
  private acked = 0;
  private readonly timer: NodeJS.Timeout;
  constructor(
    readonly address: string,
    readonly format: Format,
    name: string,
    /** A subscription already made (e.g. after following a redirect). */
    stream?: SchedulerStream,
    /** Extra headers of every call (credentials). */
    private readonly headers: Record<string, string> = {},
  ) {
    this.stream = stream ?? new SchedulerStream(address, { type: 'SUBSCRIBE', subscribe: { framework_info: FRAMEWORK(name) } }, { format, headers });
    this.timer = setInterval(() => void this.acknowledge().catch(() => undefined), 50);
  }

  private async acknowledge(): Promise<void> {
    const updates = this.stream.ofType('UPDATE');
    while (this.acked < updates.length) {
      const status = updates[this.acked++].update.status;
      if (!status.uuid) continue;
      const answer = await this.call({ type: 'ACKNOWLEDGE', acknowledge: { agent_id: status.agent_id, task_id: status.task_id, uuid: status.uuid } });
      this.ackCodes.push(answer.status);
    }
  }

  close(): void {
    clearInterval(this.timer);
    this.stream.close();
  }

  async subscribed(): Promise<string> {
    const event = await waitFor(() => this.stream.ofType('SUBSCRIBED')[0], 20_000, 'SUBSCRIBED');
    return event.subscribed.framework_id.value as string;
  }

  get frameworkId(): string {
    return this.stream.ofType('SUBSCRIBED')[0].subscribed.framework_id.value;
  }

  call(body: Json, headers: Record<string, string> = {}) {
    return rawRequest(this.address, { framework_id: { value: this.frameworkId }, ...body }, { format: this.format, headers: { ...this.headers, 'mesos-stream-id': this.stream.streamId, ...headers } });
  }

  /** Offers not yet used, waiting for at least one. */
  async offer(used: Set<string>): Promise<Json> {
    return waitFor(() => this.stream.ofType('OFFERS').flatMap((e) => e.offers.offers).find((o: Json) => !used.has(o.id.value) && !this.rescinded(o.id.value)), 20_000, 'an offer');
  }

  rescinded(offerId: string): boolean {
    return this.stream.ofType('RESCIND').some((e) => e.rescind.offer_id.value === offerId);
  }

  updates(taskId: string): Json[] {
    return this.stream.ofType('UPDATE').map((e) => e.update.status).filter((s) => s.task_id.value === taskId);
  }

  waitState(taskId: string, state: string): Promise<Json> {
    return waitFor(() => this.updates(taskId).find((s) => s.state === state), 30_000, `${taskId} ${state}`);
  }
}

function taskInfo(id: string, offer: Json, command: string): Json {
  return {
    name: id,
    task_id: { value: id },
    agent_id: offer.agent_id,
    resources: [
      { name: 'cpus', type: 'SCALAR', scalar: { value: 0.1 }, role: '*', allocation_info: offer.allocation_info },
      { name: 'mem', type: 'SCALAR', scalar: { value: 16 }, role: '*', allocation_info: offer.allocation_info },
    ],
    command: { shell: true, value: command },
  };
}

describe('Mesos Scheduler HTTP API', () => {
  let cluster: Cluster;

  beforeAll(async () => {
    cluster = await startCluster({ name: 'mesos-scheduler-http', agents: 1, masterFlags: ['--allocation-interval', '200ms'] });
  }, 120_000);

  afterAll(async () => {
    await cluster?.stop();
  });

  describe.each<Format>(['json', 'protobuf'])('in %s', (format) => {
    let fw: RawFramework;
    const used = new Set<string>();

    beforeAll(async () => {
      fw = new RawFramework(cluster.masterAddress, format, `raw-${format}`);
      await fw.subscribed();
    }, 60_000);

    afterAll(() => fw?.close());

    it('SUBSCRIBE answers 200, Mesos-Stream-Id and a RecordIO stream, each record in its own chunk', async () => {
      const s = fw.stream;
      expect(s.status).toBe(200);
      expect(s.headers['content-type']).toBe(format === 'json' ? 'application/json' : 'application/x-protobuf');
      expect(s.headers['transfer-encoding']).toBe('chunked');
      expect(s.streamId).toMatch(/.+/);
      const subscribed = s.ofType('SUBSCRIBED')[0].subscribed;
      expect(subscribed.framework_id.value).toMatch(/.+/);
      expect(subscribed.heartbeat_interval_seconds).toBeGreaterThan(0);
      expect(subscribed.master_info).toMatchObject({ port: Number(cluster.masterAddress.split(':')[1]), ip: 16777343 });
      expect(subscribed.stream_id).toBeUndefined();
      const offer = await fw.offer(used);
      expect(offer).toMatchObject({ framework_id: { value: fw.frameworkId }, hostname: '127.0.0.1', allocation_info: { role: '*' } });
      expect(offer.url).toMatchObject({ scheme: 'http', address: { ip: '127.0.0.1' }, path: '/slave(1)' });
      expect(offer.url.address.port).toBeGreaterThan(0);
      expect(scalar(offer.resources, 'cpus')).toBeGreaterThan(0);
      expect(offer.resources.find((r: Json) => r.name === 'cpus')).toMatchObject({ type: 'SCALAR', role: '*', allocation_info: { role: '*' } });
      expect(s.framingBroken).toBe(false);
      expect(s.problems).toEqual([]);
    });

    it('ACCEPT with LAUNCH answers 202; UPDATEs carry a base64 uuid that ACKNOWLEDGE takes (202)', async () => {
      const offer = await fw.offer(used);
      used.add(offer.id.value);
      const taskId = `launch-${format}`;
      const accepted = await fw.call({ type: 'ACCEPT', accept: { offer_ids: [offer.id], operations: [{ type: 'LAUNCH', launch: { task_infos: [taskInfo(taskId, offer, 'exit 0')] } }], filters: { refuse_seconds: 1 } } });
      expect(accepted.status).toBe(202);
      expect(accepted.body.length).toBe(0);
      const finished = await fw.waitState(taskId, 'TASK_FINISHED');
      expect(typeof finished.uuid).toBe('string');
      expect(Buffer.from(finished.uuid, 'base64').length).toBe(16);
      // TASK_FINISHED came after TASK_RUNNING was acknowledged; every ACKNOWLEDGE answered 202.
      expect(fw.updates(taskId).map((u) => u.state)).toEqual(['TASK_RUNNING', 'TASK_FINISHED']);
      await waitFor(() => fw.ackCodes.length >= 2, 10_000, 'the acknowledgements');
      expect(new Set(fw.ackCodes)).toEqual(new Set([202]));
    });

    it('ACCEPT with LAUNCH_GROUP runs the group', async () => {
      const offer = await fw.offer(used);
      used.add(offer.id.value);
      const ids = [`group-a-${format}`, `group-b-${format}`];
      const accepted = await fw.call({
        type: 'ACCEPT',
        accept: {
          offer_ids: [offer.id],
          operations: [{
            type: 'LAUNCH_GROUP',
            launch_group: {
              executor: { type: 'DEFAULT', executor_id: { value: `group-${format}` }, framework_id: { value: fw.frameworkId }, resources: [{ name: 'cpus', type: 'SCALAR', scalar: { value: 0.1 }, allocation_info: offer.allocation_info }, { name: 'mem', type: 'SCALAR', scalar: { value: 32 }, allocation_info: offer.allocation_info }] },
              task_group: { tasks: ids.map((id) => taskInfo(id, offer, 'exit 0')) },
            },
          }],
        },
      });
      expect(accepted.status).toBe(202);
      for (const id of ids) await fw.waitState(id, 'TASK_FINISHED');
    });

    it('KILL ends a running task (TASK_KILLED); RECONCILE answers from the master', async () => {
      const offer = await fw.offer(used);
      used.add(offer.id.value);
      const taskId = `kill-${format}`;
      expect((await fw.call({ type: 'ACCEPT', accept: { offer_ids: [offer.id], operations: [{ type: 'LAUNCH', launch: { task_infos: [taskInfo(taskId, offer, 'sleep 300')] } }] } })).status).toBe(202);
      const running = await fw.waitState(taskId, 'TASK_RUNNING');
      const reconcile = await fw.call({ type: 'RECONCILE', reconcile: { tasks: [{ task_id: { value: taskId }, agent_id: running.agent_id }] } });
      expect(reconcile.status).toBe(202);
      await waitFor(() => fw.updates(taskId).find((u) => u.reason === 'REASON_RECONCILIATION' && u.state === 'TASK_RUNNING'), 20_000, 'a reconciliation answer');
      expect((await fw.call({ type: 'KILL', kill: { task_id: { value: taskId }, agent_id: running.agent_id } })).status).toBe(202);
      await fw.waitState(taskId, 'TASK_KILLED');
    });

    it('DECLINE, REVIVE, SUPPRESS, MESSAGE and SHUTDOWN answer 202', async () => {
      const offer = await fw.offer(used);
      used.add(offer.id.value);
      expect((await fw.call({ type: 'DECLINE', decline: { offer_ids: [offer.id], filters: { refuse_seconds: 0.5 } } })).status).toBe(202);
      expect((await fw.call({ type: 'SUPPRESS', suppress: { roles: [] } })).status).toBe(202);
      expect((await fw.call({ type: 'REVIVE', revive: {} })).status).toBe(202);
      await fw.offer(used);
      const data = Buffer.from('hello').toString('base64');
      expect((await fw.call({ type: 'MESSAGE', message: { agent_id: offer.agent_id, executor_id: { value: 'none' }, data } })).status).toBe(202);
      expect((await fw.call({ type: 'SHUTDOWN', shutdown: { agent_id: offer.agent_id, executor_id: { value: 'none' } } })).status).toBe(202);
    });

    it.each<[string, Json, number, RegExp]>([
      ['REQUEST', { type: 'REQUEST', request: { requests: [] } }, 400, /REQUEST is not supported/],
      ['ACCEPT_INVERSE_OFFERS without ids', { type: 'ACCEPT_INVERSE_OFFERS', accept_inverse_offers: { inverse_offer_ids: [] } }, 400, /accept_inverse_offers\.inverse_offer_ids: at least one inverse offer id is required/],
      ['DECLINE_INVERSE_OFFERS without a body', { type: 'DECLINE_INVERSE_OFFERS' }, 400, /decline_inverse_offers: required for DECLINE_INVERSE_OFFERS/],
      ['UPDATE_FRAMEWORK of another id', { type: 'UPDATE_FRAMEWORK', update_framework: { framework_info: { ...FRAMEWORK('x'), id: { value: 'other' } } } }, 400, /update_framework\.framework_info\.id: must be the framework's own id/],
      ['ACKNOWLEDGE_OPERATION_STATUS without uuid', { type: 'ACKNOWLEDGE_OPERATION_STATUS', acknowledge_operation_status: { operation_id: { value: 'x' } } }, 400, /acknowledge_operation_status\.uuid: required/],
      ['RECONCILE_OPERATIONS of an operation without id', { type: 'RECONCILE_OPERATIONS', reconcile_operations: { operations: [{}] } }, 400, /reconcile_operations\.operations\[0\]\.operation_id: required/],
      ['KILL without a task id', { type: 'KILL', kill: {} }, 400, /kill.task_id: required/],
      ['ACCEPT of a LAUNCH with an operation id', { type: 'ACCEPT', accept: { offer_ids: [{ value: 'o' }], operations: [{ type: 'LAUNCH', id: { value: 'op' }, launch: { task_infos: [] } }] } }, 400, /operations\[0\]\.id: not allowed on LAUNCH/],
    ])('%s is refused with its status and a text body naming the problem', async (_name, body, code, message) => {
      const answer = await fw.call(body);
      expect(answer.status).toBe(code);
      expect(answer.headers['content-type']).toMatch(/^text\/plain/);
      expect(answer.body.toString()).toMatch(message);
    });

    it('a call without Mesos-Stream-Id is refused with 400; a stale one with 409; an unknown framework with 404', async () => {
      const missing = await rawRequest(cluster.masterAddress, { type: 'REVIVE', framework_id: { value: fw.frameworkId } }, { format });
      expect(missing.status).toBe(400);
      expect(missing.body.toString()).toMatch(/Mesos-Stream-Id/);
      const stale = await fw.call({ type: 'REVIVE' }, { 'mesos-stream-id': 'not-the-stream' });
      expect(stale.status).toBe(409);
      expect(stale.body.toString()).toMatch(/stream_id: not-the-stream is not the framework's current subscription/);
      const unknown = await rawRequest(cluster.masterAddress, { type: 'REVIVE', framework_id: { value: 'no-such-framework' } }, { format, headers: { 'mesos-stream-id': 'x' } });
      expect(unknown.status).toBe(404);
      expect(unknown.body.toString()).toMatch(/framework no-such-framework is not subscribed/);
    });

    it('text outside ASCII comes back intact (escaped as \\u in JSON records)', async () => {
      const taskId = `t\u00e2che-\u{1f600}-${format}`;
      expect((await fw.call({ type: 'KILL', kill: { task_id: { value: taskId } } })).status).toBe(202);
      const update = await waitFor(() => fw.updates(taskId)[0], 20_000, 'the answer to a KILL of an unknown task');
      expect(update.message).toContain(taskId);
      expect(fw.stream.problems).toEqual([]);
    });

    it('UPDATE_FRAMEWORK replaces the FrameworkInfo (202); principal, user and checkpoint cannot change (400)', async () => {
      const info = { ...FRAMEWORK(`raw-${format}`), id: { value: fw.frameworkId } };
      const renamed = await fw.call({ type: 'UPDATE_FRAMEWORK', update_framework: { framework_info: { ...info, name: `renamed-${format}`, webui_url: 'http://192.0.2.1/' } } });
      expect(renamed.status).toBe(202);
      const state = await httpGet(cluster.masterAddress, '/master/frameworks');
      const listed = (JSON.parse(state.body).frameworks as Json[]).find((f) => f.id === fw.frameworkId);
      expect(listed.name).toBe(`renamed-${format}`);
      const user = await fw.call({ type: 'UPDATE_FRAMEWORK', update_framework: { framework_info: { ...info, user: 'somebody-else' } } });
      expect(user.status).toBe(400);
      expect(user.body.toString()).toMatch(/update_framework\.framework_info\.user: cannot change/);
      const checkpoint = await fw.call({ type: 'UPDATE_FRAMEWORK', update_framework: { framework_info: { ...info, checkpoint: true } } });
      expect(checkpoint.status).toBe(400);
    });

    it('TEARDOWN answers 202 and ends the stream', async () => {
      const other = new RawFramework(cluster.masterAddress, format, `teardown-${format}`);
      await other.subscribed();
      expect((await other.call({ type: 'TEARDOWN' })).status).toBe(202);
      await waitFor(() => other.stream.closed, 20_000, 'the stream to end');
      other.close();
    });
  });

  describe('bad input', () => {
    it.each<[string, Buffer | Json, Record<string, string>, number, RegExp]>([
      ['malformed JSON', Buffer.from('{"type": SUBSCRIBE'), {}, 400, /Failed to parse body into Call: not JSON/],
      ['a wrong type', { type: 'SUBSCRIBE', subscribe: { framework_info: { name: 5 } } }, {}, 400, /subscribe\.framework_info\.name: expected a string, got number 5/],
      ['an unknown call type', { type: 'LAUNCH_ROCKETS' }, {}, 400, /type: unknown value "LAUNCH_ROCKETS"/],
      ['SUBSCRIBE without a framework name', { type: 'SUBSCRIBE', subscribe: { framework_info: { user: 'x' } } }, {}, 400, /subscribe\.framework_info\.name: required/],
      ['an unsupported content type', Buffer.from('{}'), { 'content-type': 'text/plain' }, 415, /Content-Type 'text\/plain' is not supported/],
      ['an Accept the master cannot answer', { type: 'SUBSCRIBE', subscribe: { framework_info: FRAMEWORK('accept') } }, { accept: 'text/html' }, 406, /Accept 'text\/html' allows neither/],
      ['bad protobuf', Buffer.from([0x12, 0xff, 0xff]), { 'content-type': 'application/x-protobuf' }, 400, /Failed to parse body into Call/],
    ])('%s: refused with its status and a message naming the problem', async (_name, body, headers, code, message) => {
      const answer = await rawRequest(cluster.masterAddress, body, { headers });
      expect(answer.status).toBe(code);
      expect(answer.body.toString()).toMatch(message);
    });

    it('GET is refused with 405 and Allow: POST', async () => {
      const answer = await rawRequest(cluster.masterAddress, Buffer.alloc(0), { method: 'GET' });
      expect(answer.status).toBe(405);
      expect(answer.headers.allow).toBe('POST');
    });

    it('a body over the limit is refused with 413, and the master stays fine', async () => {
      const huge = Buffer.alloc(5 * 1024 * 1024, 0x20);
      const answer = await rawRequest(cluster.masterAddress, huge, { sendOnly: 1024 });
      expect(answer.status).toBe(413);
      expect((await httpGet(cluster.masterAddress, '/health')).status).toBe(200);
    });

    it('a chunked SUBSCRIBE body is read like any other', async () => {
      const stream = new SchedulerStream(cluster.masterAddress, { type: 'SUBSCRIBE', subscribe: { framework_info: FRAMEWORK('chunked') } }, { chunkBytes: 7 });
      await waitFor(() => stream.ofType('SUBSCRIBED')[0], 20_000, 'SUBSCRIBED over a chunked request');
      expect(stream.status).toBe(200);
      stream.close();
    });

    it('SUBSCRIBE with Accept application/recordio takes the record format from Message-Accept', async () => {
      const stream = new SchedulerStream(
        cluster.masterAddress,
        { type: 'SUBSCRIBE', subscribe: { framework_info: { ...FRAMEWORK('caf\u00e9 \u{1f600}') } } },
        { headers: { accept: 'application/recordio', 'message-accept': 'application/json' } },
      );
      await waitFor(() => stream.ofType('SUBSCRIBED')[0], 20_000, 'SUBSCRIBED');
      expect(stream.headers['content-type']).toBe('application/recordio');
      expect(stream.headers['message-content-type']).toBe('application/json');
      expect(stream.problems).toEqual([]);
      stream.close();
    });
  });

  describe('authentication (a master with --credentials and --acls)', () => {
    const TOKENS = { fw: 'fw-token-0000000000000', 'fw-b': 'fw-b-token-00000000000', ops: 'ops-token-000000000000' };
    let secured: Cluster;
    let dir: string;
    const basic = (principal: string, secret: string): Record<string, string> => ({ authorization: `Basic ${Buffer.from(`${principal}:${secret}`).toString('base64')}` });
    const subscribeAs = (headers: Record<string, string>, info: Json = FRAMEWORK('secured')): SchedulerStream =>
      new SchedulerStream(secured.masterAddress, { type: 'SUBSCRIBE', subscribe: { framework_info: info } }, { headers });
    const head = (stream: SchedulerStream): Promise<number> => waitFor(() => stream.status || undefined, 20_000, 'the answer to SUBSCRIBE');

    beforeAll(async () => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'meseta-mesos-scheduler-auth-'));
      const credentials = path.join(dir, 'credentials.json');
      fs.writeFileSync(credentials, JSON.stringify({ credentials: [
        { principal: 'fw', kind: 'framework', token: TOKENS.fw },
        { principal: 'fw-b', kind: 'framework', token: TOKENS['fw-b'] },
        { principal: 'ops', kind: 'operator', token: TOKENS.ops },
      ] }));
      const acls = path.join(dir, 'acls.json');
      fs.writeFileSync(acls, JSON.stringify({ permissive: true, register_frameworks: [{ principals: { values: ['fw-b'] }, roles: { values: ['b'] } }, { principals: { values: ['fw-b'] }, roles: { type: 'NONE' } }] }));
      secured = await startCluster({ name: 'mesos-scheduler-http-auth', agents: 0, masterFlags: ['--credentials', credentials, '--acls', acls] });
    }, 120_000);

    afterAll(async () => {
      await secured?.stop();
      if (dir) fs.rmSync(dir, { recursive: true, force: true });
    });

    it('no credential: 401 with a text body and Basic and Bearer challenges', async () => {
      const stream = subscribeAs({});
      expect(await head(stream)).toBe(401);
      expect(stream.headers['www-authenticate']).toMatch(/Basic realm="meseta"/);
      await waitFor(() => stream.refusal || undefined, 10_000, 'the refusal text');
      expect(stream.refusal).toMatch(/\/api\/v1\/scheduler: a credential is required/);
      stream.close();
    });

    it.each<[string, Record<string, string>, number, RegExp]>([
      ['a wrong Basic secret', { authorization: `Basic ${Buffer.from('fw:not-the-token-0000').toString('base64')}` }, 401, /Basic credentials of principal "fw" do not match/],
      ["another principal's token under this name", { authorization: `Basic ${Buffer.from(`fw:${TOKENS['fw-b']}`).toString('base64')}` }, 401, /Basic credentials of principal "fw" do not match/],
      ['a malformed Basic header', { authorization: 'Basic !!!' }, 401, /expected "Basic <base64 of principal:secret>"/],
      ['an operator credential', { authorization: `Basic ${Buffer.from(`ops:${TOKENS.ops}`).toString('base64')}` }, 403, /principal "ops" is an operator credential; this takes framework credentials/],
    ])('%s is refused', async (_name, headers, code, message) => {
      const stream = subscribeAs(headers);
      expect(await head(stream)).toBe(code);
      await waitFor(() => stream.refusal || undefined, 10_000, 'the refusal text');
      expect(stream.refusal).toMatch(message);
      stream.close();
    });

    it('HTTP Basic (principal:token) subscribes and calls; the register_framework ACL and framework ownership hold', async () => {
      const fw = new RawFramework(secured.masterAddress, 'json', 'basic', subscribeAs(basic('fw', TOKENS.fw)), basic('fw', TOKENS.fw));
      await fw.subscribed();
      expect((await fw.call({ type: 'SUPPRESS', suppress: {} })).status).toBe(202);
      // fw-b may register only in role b.
      const refused = subscribeAs(basic('fw-b', TOKENS['fw-b']));
      expect(await head(refused)).toBe(403);
      refused.close();
      // fw-b may not act on fw's framework, with a bearer token either.
      const other = await rawRequest(secured.masterAddress, { type: 'SUPPRESS', framework_id: { value: fw.frameworkId } }, { headers: { authorization: `Bearer ${TOKENS['fw-b']}`, 'mesos-stream-id': fw.stream.streamId } });
      expect(other.status).toBe(403);
      expect(other.body.toString()).toMatch(/was subscribed by principal "fw"; principal "fw-b" may not act on it/);
      fw.close();
    });
  });

  describe('leader changes (two masters on ZooKeeper)', () => {
    let zk: ZooKeeperServer;
    let ha: Cluster;

    beforeAll(async () => {
      zk = await startZooKeeper();
      ha = await startCluster({
        name: 'mesos-scheduler-http-ha',
        zk: zk.url('/meseta-scheduler-http'),
        masters: 2,
        agents: 1,
        masterFlags: ['--zk-session-timeout', '2s', '--agent-ping-timeout', '1s', '--max-agent-ping-timeouts', '5', '--agent-reregister-timeout', '30s', '--allocation-interval', '200ms'],
      });
    }, 120_000);

    afterAll(async () => {
      await ha?.stop();
      await zk?.stop();
    });

    /** SUBSCRIBE as a Mesos client does: try the masters it knows, follow a 307 to the leader, retry until one answers 200. */
    async function subscribeFollowing(masters: string[], info: Json): Promise<{ address: string; stream: SchedulerStream }> {
      return waitFor(async () => {
        const queue = [...masters];
        while (queue.length > 0) {
          const address = queue.shift()!;
          const stream = new SchedulerStream(address, { type: 'SUBSCRIBE', framework_id: info.id, subscribe: { framework_info: info } });
          const code = await waitFor(() => stream.status || (stream.closed ? -1 : undefined), 10_000, `an answer from ${address}`).catch(() => -1);
          if (code === 200) return { address, stream };
          stream.close();
          if (code === 307) {
            const location = stream.headers.location;
            expect(location).toMatch(/^\/\/127\.0\.0\.1:\d+\/api\/v1\/scheduler$/);
            queue.unshift(location.slice(2, location.indexOf('/', 2)));
          }
        }
        return undefined;
      }, 60_000, 'a leading master to accept SUBSCRIBE');
    }

    it('a standby answers 307 to //leader/api/v1/scheduler; the framework follows a failover of the leader and keeps its task', async () => {
      const leader = await waitFor(() => ha.leader(), 20_000, 'a leading master');
      const standby = ha.masters.find((m) => m !== leader)!;
      const redirected = await rawRequest(standby.address, { type: 'SUBSCRIBE', subscribe: { framework_info: FRAMEWORK('ha') } });
      expect(redirected.status).toBe(307);
      expect(redirected.headers.location).toBe(`//${leader!.address}/api/v1/scheduler`);

      const addresses = ha.masters.map((m) => m.address);
      const first = await subscribeFollowing([standby.address], FRAMEWORK('ha'));
      expect(first.address).toBe(leader!.address);
      let fw = new RawFramework(first.address, 'json', 'ha', first.stream);
      const frameworkId = await fw.subscribed();
      const offer = await fw.offer(new Set());
      expect((await fw.call({ type: 'ACCEPT', accept: { offer_ids: [offer.id], operations: [{ type: 'LAUNCH', launch: { task_infos: [taskInfo('ha-task', offer, 'sleep 300')] } }] } })).status).toBe(202);
      await fw.waitState('ha-task', 'TASK_RUNNING');

      leader!.kill('SIGKILL');
      await waitFor(() => fw.stream.closed, 30_000, 'the subscription to end with the leader');
      fw.close();
      const next: ClusterMaster = await waitFor(async () => {
        const m = await ha.leader();
        return m && m !== leader ? m : undefined;
      }, 30_000, 'a new leading master');
      const again = await subscribeFollowing(addresses.filter((a) => a !== leader!.address), { ...FRAMEWORK('ha'), id: { value: frameworkId } });
      expect(again.address).toBe(next.address);
      fw = new RawFramework(again.address, 'json', 'ha', again.stream);
      expect(await fw.subscribed()).toBe(frameworkId);
      // The task came back with its agent: the new leader reconciles it and can kill it.
      await waitFor(async () => {
        await fw.call({ type: 'RECONCILE', reconcile: { tasks: [{ task_id: { value: 'ha-task' } }] } });
        return fw.updates('ha-task').find((u) => u.state === 'TASK_RUNNING' && u.reason === 'REASON_RECONCILIATION');
      }, 40_000, 'the new leader to know the task as running');
      expect((await fw.call({ type: 'KILL', kill: { task_id: { value: 'ha-task' } } })).status).toBe(202);
      await fw.waitState('ha-task', 'TASK_KILLED');
      fw.close();
    }, 180_000);
  });
});
