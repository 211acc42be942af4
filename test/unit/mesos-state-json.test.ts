/**
 * The master's Mesos-shape JSON (master/mesos-state-json.ts, mesos-metrics.ts,
 * json-slices.ts) and the shared pieces (proto/src/mesos-json.ts): tables of
 * shapes, ids as strings, ranges text, resources maps, query checks, and
 * metrics that move when a task starts and ends.
 */
import type { Resource, TaskStatus } from '@meseta/proto/wire';
import { CallType, OperationType, TaskState, ValueType } from '@meseta/proto/wire';
import { parseResources } from '@meseta/proto/resource-text';
import { scalar, ranges, set } from '@meseta/proto/resources';
import { newUpdateUuid } from '@meseta/proto/ids';
import {
  mesosAttributes, mesosIpNumber, mesosRanges, mesosReservedResources, mesosResources, mesosStatus, mesosUnreservedResources,
} from '@meseta/proto/mesos-json';
import { resourceMetrics } from '@meseta/proto/mesos-metrics';
import { masterTestBed } from './fixtures/master-test-bed';
import {
  agentPid, masterPid, mesosFrameworks, mesosMasterFlags, mesosMasterInfo, mesosSlaves, mesosState, mesosStateSummary, mesosTasks,
  parseTasksQuery,
} from '../../master/mesos-state-json';
import { masterMetricsSnapshot, standbyMetricsSnapshot } from '../../master/mesos-metrics';
import { StreamedObject, materialize, writeStreamedJson } from '../../master/json-slices';
import type { TextSink } from '../../master/state-stream';

const SYSTEM = { cpus: 2, load1: 0.5, load5: 0.25, load15: 0.125, memTotalBytes: 4096, memFreeBytes: 1024 };

describe('mesos-json: resources as Mesos writes them', () => {
  it.each<[string, Resource[], Record<string, number | string>]>([
    ['nothing: the four scalars at 0', [], { cpus: 0, gpus: 0, mem: 0, disk: 0 }],
    ['scalars summed over roles', [scalar('cpus', 1.5), scalar('cpus', 0.5, 'ops'), scalar('mem', 64)], { cpus: 2, gpus: 0, mem: 64, disk: 0 }],
    ['one port range', [ranges('ports', [[31000, 32000]])], { cpus: 0, gpus: 0, mem: 0, disk: 0, ports: '[31000-32000]' }],
    ['ranges coalesced and separated by ", "', [ranges('ports', [[31005, 31005], [31000, 31002], [31003, 31003]]), ranges('ports', [[40000, 40001]], 'ops')], { cpus: 0, gpus: 0, mem: 0, disk: 0, ports: '[31000-31003, 31005-31005, 40000-40001]' }],
    ['a set', [set('disks', ['b', 'a'])], { cpus: 0, gpus: 0, mem: 0, disk: 0, disks: '{a, b}' }],
    ['a custom scalar', [scalar('fpgas', 2)], { cpus: 0, gpus: 0, mem: 0, disk: 0, fpgas: 2 }],
  ])('%s', (_name, resources, expected) => {
    expect(mesosResources(resources)).toEqual(expected);
  });

  it('reserved resources by role, unreserved apart', () => {
    const all = parseResources('cpus:4;cpus(ops):2;mem(ops):512;mem:1024');
    expect(mesosReservedResources(all)).toEqual({ ops: { cpus: 2, gpus: 0, mem: 512, disk: 0 } });
    expect(mesosUnreservedResources(all)).toEqual({ cpus: 4, gpus: 0, mem: 1024, disk: 0 });
  });

  it.each<[string, string, number | undefined]>([
    ['a documentation address', '192.0.2.1', 16908480],
    ['loopback', '127.0.0.1', 16777343],
    ['not IPv4', '::1', undefined],
    ['a host name', 'agent-1.example', undefined],
    ['an octet over 255', '192.0.2.300', undefined],
  ])('MasterInfo.ip of %s', (_name, ip, expected) => {
    expect(mesosIpNumber(ip)).toBe(expected);
  });

  it.each<[string, TaskStatus, string | undefined, Record<string, unknown>]>([
    ['host network: the agent address in network_infos', { state: TaskState.TASK_RUNNING, timestamp: 10 }, '192.0.2.7', { state: 'TASK_RUNNING', timestamp: 10, container_status: { network_infos: [{ ip_addresses: [{ ip_address: '192.0.2.7' }] }] } }],
    ['own network: no address', { state: TaskState.TASK_RUNNING, timestamp: 10 }, undefined, { state: 'TASK_RUNNING', timestamp: 10 }],
    ['container id, health, labels', { state: TaskState.TASK_FAILED, timestamp: 11, healthy: false, container_id: { value: 'c1' }, labels: { labels: [{ key: 'k', value: 'v' }] } }, undefined, { state: 'TASK_FAILED', timestamp: 11, healthy: false, labels: [{ key: 'k', value: 'v' }], container_status: { container_id: { value: 'c1' } } }],
    ['Mesos\'s container_status: its container id and executor pid', { state: TaskState.TASK_RUNNING, timestamp: 12, container_status: { container_id: { value: 'c2' }, executor_pid: 42 } }, '127.0.0.1', { state: 'TASK_RUNNING', timestamp: 12, container_status: { container_id: { value: 'c2' }, executor_pid: 42, network_infos: [{ ip_addresses: [{ ip_address: '127.0.0.1' }] }] } }],
  ])('status: %s', (_name, status, ip, expected) => {
    expect(mesosStatus(status, ip)).toEqual(expected);
  });

  it('attributes: scalars as numbers, the rest as text', () => {
    expect(mesosAttributes([
      { name: 'rack', type: 3, text: { value: 'r1' } },
      { name: 'zone', type: 0, scalar: { value: 2 } },
      { name: 'slots', type: 1, ranges: { range: [{ begin: 1, end: 2 }, { begin: 4, end: 4 }] } },
    ])).toEqual({ rack: 'r1', zone: 2, slots: '[1-2, 4-4]' });
    expect(mesosRanges([])).toBe('[]');
  });

  it('resource metrics: totals, used, percent as a fraction', () => {
    expect(resourceMetrics('master', [scalar('cpus', 4), scalar('mem', 1000)], [scalar('cpus', 1)])).toMatchObject({
      'master/cpus_total': 4, 'master/cpus_used': 1, 'master/cpus_percent': 0.25,
      'master/mem_total': 1000, 'master/mem_used': 0, 'master/mem_percent': 0,
      'master/gpus_total': 0, 'master/gpus_percent': 0, 'master/disk_total': 0,
    });
  });
});

/** A master with one agent, a framework, a running task and a finished one. */
async function cluster() {
  const bed = masterTestBed({ config: { offerTimeoutSeconds: 0 } });
  const agent = await bed.addAgent('cpus:4;mem:1024;ports:[31000-31009];cpus(ops):1', 'agent-1');
  const record = bed.master.agents.get(agent.agentId)!;
  record.info.ip = '127.0.0.1';
  const fw = await bed.subscribe('web', { hostname: 'sched-host', principal: 'alice', webui_url: 'http://127.0.0.1:9/' });
  let port = 31000;
  const launch = async (taskId: string, extra: object = {}) => {
    const ports: Array<[number, number]> = port === 31000 ? [[31000, 31000], [31002, 31002]] : [[port, port]];
    port += 3;
    const seen = fw.sink.offers().length;
    bed.master.runAllocation();
    expect(fw.sink.offers().length).toBeGreaterThan(seen); // a fresh offer
    const offer = fw.sink.offers().pop()!;
    await fw.call({
      type: CallType.ACCEPT,
      accept: { filters: { refuse_seconds: 0 }, offer_ids: [offer.id!], operations: [{ type: OperationType.LAUNCH, launch: { task_infos: [{ ...bed.task(taskId, offer, 1, 64), resources: [scalar('cpus', 1), scalar('mem', 64), ranges('ports', ports)], ...extra }] } }] },
    });
  };
  /** An update from the agent, acknowledged by the framework (a terminal task then moves to the completed ones). */
  const update = (taskId: string, state: TaskState, timestamp: number) => {
    const uuid = newUpdateUuid();
    void agent.link.onMessage({ updates: [{ framework_id: { value: fw.frameworkId }, status: { task_id: { value: taskId }, state, uuid, timestamp, source: 1 } }] });
    void fw.call({ type: CallType.ACKNOWLEDGE, acknowledge: { agent_id: { value: agent.agentId }, task_id: { value: taskId }, uuid } });
  };
  return { bed, agent, fw, launch, update };
}

type Json = Record<string, unknown>;

describe('master: /master/state and friends in Mesos shape', () => {
  it('the state document: master fields, slaves, frameworks with tasks, completed tasks, ids as strings', async () => {
    const { bed, agent, fw, launch, update } = await cluster();
    await launch('web-1', {
      labels: { labels: [{ key: 'HAPROXY_GROUP', value: 'external' }] },
      discovery: { name: 'web', ports: { ports: [{ number: 31000, name: 'http', protocol: 'tcp' }] } },
    });
    update('web-1', TaskState.TASK_RUNNING, 1000);
    await launch('batch-1');
    update('batch-1', TaskState.TASK_RUNNING, 1001);
    update('batch-1', TaskState.TASK_FINISHED, 1002);
    const state = materialize(mesosState(bed.master, { flags: { port: '5050' } })) as Json;

    expect(state).toMatchObject({
      id: 'm1', pid: 'master@127.0.0.1:5050', hostname: '127.0.0.1', leader: 'master@127.0.0.1:5050',
      activated_slaves: 1, deactivated_slaves: 0, unreachable_slaves: 0, flags: { port: '5050' },
      leader_info: { id: 'm1', pid: 'master@127.0.0.1:5050', port: 5050, hostname: '127.0.0.1', ip: 16777343 },
      completed_frameworks: [], orphan_tasks: [], unregistered_frameworks: [], recovered_slaves: [],
    });
    expect(typeof state.start_time).toBe('number');
    expect(typeof state.elected_time).toBe('number');

    const [slave] = state.slaves as Json[];
    expect(slave).toMatchObject({
      id: agent.agentId, pid: 'slave(1)@127.0.0.1:5051', hostname: 'agent-1', port: 5051, active: true,
      resources: { cpus: 5, gpus: 0, mem: 1024, disk: 0, ports: '[31000-31009]' },
      used_resources: { cpus: 1, mem: 64, ports: '[31000-31000, 31002-31002]' },
      reserved_resources: { ops: { cpus: 1, gpus: 0, mem: 0, disk: 0 } },
      unreserved_resources: { cpus: 4, mem: 1024, ports: '[31000-31009]' },
      attributes: {},
    });

    const [framework] = state.frameworks as Json[];
    expect(framework).toMatchObject({
      id: fw.frameworkId, name: 'web', user: 'root', hostname: 'sched-host', role: '*', roles: ['*'], principal: 'alice',
      webui_url: 'http://127.0.0.1:9/', active: true, connected: true, recovered: false, unregistered_time: 0,
      used_resources: { cpus: 1, mem: 64 }, unreachable_tasks: [], executors: [],
    });
    const tasks = framework.tasks as Json[];
    expect(tasks).toHaveLength(1);
    expect(tasks[0]).toEqual({
      id: 'web-1', name: 'web-1', framework_id: fw.frameworkId, executor_id: '', slave_id: agent.agentId, state: 'TASK_RUNNING',
      resources: { cpus: 1, gpus: 0, mem: 64, disk: 0, ports: '[31000-31000, 31002-31002]' }, role: '*',
      statuses: [{ state: 'TASK_RUNNING', timestamp: 1000, container_status: { network_infos: [{ ip_addresses: [{ ip_address: '127.0.0.1' }] }] } }],
      labels: [{ key: 'HAPROXY_GROUP', value: 'external' }], user: 'root',
      discovery: { visibility: 'FRAMEWORK', name: 'web', ports: { ports: [{ number: 31000, name: 'http', protocol: 'tcp' }] } },
    });
    const completed = framework.completed_tasks as Json[];
    expect(completed.map((t) => [t.id, t.state])).toEqual([['batch-1', 'TASK_FINISHED']]);
    expect((completed[0].statuses as Json[]).map((s) => s.state)).toEqual(['TASK_RUNNING', 'TASK_FINISHED']);
    for (const id of [state.id, slave.id, framework.id, tasks[0].id, tasks[0].slave_id, tasks[0].framework_id]) expect(typeof id).toBe('string');
    bed.stop();
  });

  it('a task with its own network has no address; a disconnected agent is listed inactive', async () => {
    const { bed, agent, launch, update } = await cluster();
    await launch('isolated', { container: { type: 2, network_infos: [{ mode: 1 }], mesos: { image: { type: 0, tar: { uri: '/images/x.tar' } } } } });
    update('isolated', TaskState.TASK_RUNNING, 5);
    agent.link.onClose();
    const state = materialize(mesosState(bed.master, { flags: {} })) as Json;
    expect(state).toMatchObject({ activated_slaves: 0, deactivated_slaves: 1 });
    expect((state.slaves as Json[])[0].active).toBe(false);
    const task = ((state.frameworks as Json[])[0].tasks as Json[])[0];
    expect(task.statuses).toEqual([{ state: 'TASK_RUNNING', timestamp: 5 }]);
    expect(task.container).toMatchObject({ type: 'MESOS' });
    bed.stop();
  });

  it('/master/slaves and /master/frameworks (all, one, unknown)', async () => {
    const { bed, fw } = await cluster();
    expect(materialize(mesosSlaves(bed.master))).toMatchObject({ slaves: [{ hostname: 'agent-1' }], recovered_slaves: [] });
    expect((materialize(mesosFrameworks(bed.master)) as Json).frameworks).toHaveLength(1);
    expect(materialize(mesosFrameworks(bed.master, fw.frameworkId))).toMatchObject({ frameworks: [{ id: fw.frameworkId }], completed_frameworks: [] });
    expect(materialize(mesosFrameworks(bed.master, 'nope'))).toEqual({ frameworks: [], completed_frameworks: [], unregistered_frameworks: [] });
    bed.stop();
  });

  it('/master/state-summary: counts by state per agent and framework, and who runs where', async () => {
    const { bed, agent, fw, launch, update } = await cluster();
    await launch('a');
    update('a', TaskState.TASK_RUNNING, 1);
    await launch('b');
    update('b', TaskState.TASK_FAILED, 2);
    const summary = materialize(mesosStateSummary(bed.master)) as Json;
    expect(summary.hostname).toBe('127.0.0.1');
    const [slave] = summary.slaves as Json[];
    expect(slave).toMatchObject({ id: agent.agentId, TASK_RUNNING: 1, TASK_FAILED: 1, TASK_STAGING: 0, framework_ids: [fw.frameworkId] });
    const [framework] = summary.frameworks as Json[];
    expect(framework).toMatchObject({ id: fw.frameworkId, TASK_RUNNING: 1, TASK_FAILED: 1, TASK_LOST: 0, slave_ids: [agent.agentId] });
    expect(framework.tasks).toBeUndefined();
    bed.stop();
  });

  it.each<[string, string, object]>([
    ['defaults', '', { limit: 100, offset: 0, order: 'des' }],
    ['all given', 'limit=5&offset=2&order=asc&framework_id=f&task_id=t', { limit: 5, offset: 2, order: 'asc', frameworkId: 'f', taskId: 't' }],
    ['limit not a number', 'limit=ten', { error: 'limit: "ten" is not a whole number of zero or more' }],
    ['negative offset', 'offset=-1', { error: 'offset: "-1" is not a whole number of zero or more' }],
    ['a fraction', 'limit=1.5', { error: 'limit: "1.5" is not a whole number of zero or more' }],
    ['unknown order', 'order=random', { error: 'order: "random" must be "asc" or "des"' }],
    ['too large', 'limit=99999999999999999999', { error: 'limit: "99999999999999999999" is too large' }],
  ])('/master/tasks query: %s', (_name, query, expected) => {
    expect(parseTasksQuery(new URLSearchParams(query))).toEqual(expected);
  });

  it('/master/tasks: live and completed, ordered by first status time, paged, filtered', async () => {
    const { bed, fw, launch, update } = await cluster();
    await launch('old');
    update('old', TaskState.TASK_RUNNING, 100);
    update('old', TaskState.TASK_FINISHED, 300);
    await launch('new');
    update('new', TaskState.TASK_RUNNING, 200);
    await launch('staging');
    const ids = (q: string) => (mesosTasks(bed.master, parseTasksQuery(new URLSearchParams(q)) as never).tasks as Json[]).map((t) => t.id);
    expect(ids('')).toEqual(['new', 'old', 'staging']);
    expect(ids('order=asc')).toEqual(['staging', 'old', 'new']);
    expect(ids('limit=1&offset=1')).toEqual(['old']);
    expect(ids('task_id=new')).toEqual(['new']);
    expect(ids(`framework_id=${fw.frameworkId}&limit=2`)).toEqual(['new', 'old']);
    expect(ids('framework_id=other')).toEqual([]);
    bed.stop();
  });

  it('pids and leader_info from MasterInfo and AgentInfo', () => {
    expect(masterPid({ hostname: 'm', address: { ip: '192.0.2.1', port: 5050 } })).toBe('master@192.0.2.1:5050');
    expect(mesosMasterInfo({ id: 'x', hostname: 'm.example', port: 5050, version: '0.1.0', address: { ip: '192.0.2.1', port: 5050, hostname: 'm.example' } })).toEqual({
      id: 'x', pid: 'master@192.0.2.1:5050', port: 5050, hostname: 'm.example', version: '0.1.0', ip: 16908480,
      address: { hostname: 'm.example', ip: '192.0.2.1', port: 5050 },
    });
    expect(agentPid({ info: { hostname: 'h', ip: '192.0.2.9', port: 5051 } })).toBe('slave(1)@192.0.2.9:5051');
    expect(agentPid({ info: { hostname: 'h.example', port: 6000 } })).toBe('slave(1)@h.example:6000');
  });

  it('flags: Mesos names and units, a ZooKeeper URL without its credentials', () => {
    const flags = mesosMasterFlags({
      ip: '127.0.0.1', port: 5050, hostname: 'm', zk: 'zk://user:secret@127.0.0.1:2181/meseta', offerTimeoutSeconds: 60, agentPingTimeoutSeconds: 15,
      maxAgentPingTimeouts: 5, agentRemovalTimeoutSeconds: 600, agentReregisterTimeoutSeconds: 600, maxCompletedTasksPerFramework: 1000,
      authenticated: true, acls: false,
    });
    expect(flags).toMatchObject({ zk: 'zk://127.0.0.1:2181/meseta', registry: 'zookeeper', offer_timeout: '60secs', agent_ping_timeout: '15secs', max_agent_ping_timeouts: '5', authenticate_http_readonly: 'true' });
    expect(JSON.stringify(flags)).not.toContain('secret');
  });
});

describe('master: /metrics/snapshot', () => {
  it('task gauges and counters, resources, agents and frameworks move as a task starts and ends', async () => {
    const { bed, agent, launch, update } = await cluster();
    const snapshot = () => masterMetricsSnapshot({ source: bed.master, counters: bed.master.metrics, now: bed.master.startTime + 42, system: SYSTEM });
    const before = snapshot();
    expect(before).toMatchObject({
      'master/elected': 1, 'master/uptime_secs': 42, 'master/slaves_active': 1, 'master/slaves_connected': 1, 'master/frameworks_active': 1,
      'master/frameworks_connected': 1, 'master/tasks_running': 0, 'master/tasks_finished': 0, 'master/cpus_total': 5, 'master/cpus_used': 0,
      'master/mem_total': 1024, 'system/cpus_total': 2, 'system/mem_free_bytes': 1024,
    });
    await launch('t1');
    expect(snapshot()).toMatchObject({ 'master/tasks_staging': 1, 'master/cpus_used': 1, 'master/mem_used': 64, 'master/messages_launch_tasks': 1 });
    update('t1', TaskState.TASK_RUNNING, 1);
    const running = snapshot();
    expect(running).toMatchObject({ 'master/tasks_staging': 0, 'master/tasks_running': 1, 'master/cpus_percent': 0.2, 'master/messages_status_update': 1 });
    update('t1', TaskState.TASK_FINISHED, 2);
    expect(snapshot()).toMatchObject({ 'master/tasks_running': 0, 'master/tasks_finished': 1, 'master/cpus_used': 0 });
    agent.link.onClose();
    expect(snapshot()).toMatchObject({ 'master/slaves_active': 0, 'master/slaves_disconnected': 1, 'master/cpus_total': 5 });
    // Nothing it does not measure: no event queue, no registrar timings.
    expect(Object.keys(snapshot()).filter((k) => /event_queue|registrar|dropped_messages/.test(k))).toEqual([]);
    bed.stop();
  });

  it('a standby says it does not lead', () => {
    expect(standbyMetricsSnapshot(100, 130, SYSTEM)).toMatchObject({ 'master/elected': 0, 'master/uptime_secs': 30, 'system/cpus_total': 2 });
  });
});

describe('json-slices: the streamed document equals the whole one', () => {
  class Collector implements TextSink {
    text = '';
    write(chunk: string): boolean {
      this.text += chunk;
      return true;
    }
    once(): this {
      return this;
    }
  }
  const doc = new StreamedObject({ a: 1, s: 'x"y' }, [
    ['empty', []],
    ['items', [1, { b: [2] }, new StreamedObject({}, [['inner', ['p', 'q', 'r']]]), new StreamedObject({ z: null }, [])]],
    ['more', { [Symbol.iterator]: function* () { yield* [3, 4, 5, 6, 7]; } }],
  ]);
  it.each([1, 2, 3, 500])('slice %d', async (slice) => {
    const out = new Collector();
    await writeStreamedJson(out, doc, { slice, yieldNow: async () => undefined });
    expect(JSON.parse(out.text)).toEqual(materialize(doc));
    expect(out.text).toBe(JSON.stringify(materialize(doc)));
  });
  it('a framework\'s fields made a slice at a time (prepare) equal those made in one go, and sum what its tasks hold as one list would', async () => {
    const { bed, fw, launch } = await cluster();
    for (let i = 0; i < 7; i++) await launch(`t-${i}`);
    const record = bed.master.frameworks.get(fw.frameworkId)!;
    // Fractions and ranges among the tasks' resources, as an agent's ports would be.
    let i = 0;
    for (const t of record.tasks.values()) {
      t.resources = [scalar('cpus', 0.1 + i / 1000), scalar('mem', 33.3), { name: 'ports', type: ValueType.RANGES, ranges: { range: [{ begin: 31000 + i, end: 31000 + i }] } }];
      i++;
    }
    const streamed = new Collector();
    await writeStreamedJson(streamed, mesosFrameworks(bed.master), { slice: 1, yieldNow: async () => undefined });
    const whole = JSON.stringify(materialize(mesosFrameworks(bed.master)));
    expect(streamed.text).toBe(whole);
    // /master/state-summary too: its task index and per-framework counts made a slice at a time.
    const summary = new Collector();
    await writeStreamedJson(summary, mesosStateSummary(bed.master), { slice: 1, yieldNow: async () => undefined });
    expect(summary.text).toBe(JSON.stringify(materialize(mesosStateSummary(bed.master))));
    expect((JSON.parse(summary.text) as { frameworks: Json[] }).frameworks[0].TASK_STAGING).toBe(record.tasks.size);
    const listed = (JSON.parse(whole) as { frameworks: Json[] }).frameworks[0];
    expect(listed.used_resources).toEqual(mesosResources([...record.tasks.values()].flatMap((t) => t.resources)));
    expect(record.tasks.size).toBeGreaterThan(2);
    expect((listed.used_resources as Json).cpus).toBe(Number([...record.tasks.values()].reduce((n, t) => n + t.resources[0].scalar!.value!, 0).toFixed(3)));
  });
});
