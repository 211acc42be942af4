/**
 * min_allocatable_resources (FrameworkInfo.offer_filters) and the MULTI_ROLE
 * checks on a real `meseta master` with two real agents, one small (1 cpu)
 * and one large (4 cpus): over our gRPC Scheduler API and over Mesos's
 * Scheduler HTTP API (JSON and protobuf).
 */
import { credentials, status, type ClientReadableStream, type ServiceError } from '@grpc/grpc-js';
import { CHANNEL_OPTIONS, SchedulerClient } from '@meseta/proto/services';
import { CallType, EventType, pb, type Call, type Event, type EventBatch, type FrameworkInfo } from '@meseta/proto/wire';
import { startCluster, type Cluster } from '../harness/cluster';
import { waitFor } from '../harness/wait-for';
import { getState } from '../harness/operator';
import { SchedulerStream, rawRequest, type Json } from '../support/mesos-scheduler-client';

const MULTI_ROLE = pb.FrameworkInfo.Capability.Type.MULTI_ROLE;
type SchedulerGrpc = { subscribe(call: Call): ClientReadableStream<EventBatch>; close(): void };

/** offer_filters asking, for role "*", at least `cpus` cpus. */
const atLeastCpus = (cpus: number): Json => ({ '*': { min_allocatable_resources: { quantities: [{ quantities: { cpus: { value: cpus } } }] } } });

describe('min_allocatable_resources on a real cluster', () => {
  let cluster: Cluster;
  let small = '';
  let large = '';
  const clients: SchedulerGrpc[] = [];
  const streams: Array<{ cancel(): void } | SchedulerStream> = [];

  beforeAll(async () => {
    cluster = await startCluster({
      agents: 2,
      name: 'min-allocatable',
      masterFlags: ['--allocation-interval', '100ms'],
      agentFlags: (i) => ['--resources', i === 0 ? 'cpus:1;mem:1024;disk:1024' : 'cpus:4;mem:1024;disk:1024'],
    });
    [small, large] = cluster.agents.map((a) => a.agentId);
  });

  afterEach(async () => {
    // Streams end (failover_timeout 0): the framework is removed and its offers come back.
    for (const s of streams.splice(0)) (s instanceof SchedulerStream ? s.close() : s.cancel());
    for (const c of clients.splice(0)) c.close();
  });

  afterAll(async () => {
    await cluster?.stop();
  });

  /** A gRPC subscription: the events it got, and its error if it was refused. */
  function subscribe(info: FrameworkInfo): { events: Event[]; error?: ServiceError; ended: Promise<void> } {
    const client = new SchedulerClient(cluster.masterAddress, credentials.createInsecure(), CHANNEL_OPTIONS) as unknown as SchedulerGrpc;
    clients.push(client);
    const stream = client.subscribe({ type: CallType.SUBSCRIBE, subscribe: { framework_info: { user: process.env.USER || 'root', ...info } } });
    streams.push(stream);
    const sub: { events: Event[]; error?: ServiceError; ended: Promise<void> } = { events: [], ended: Promise.resolve() };
    sub.ended = new Promise((resolve) => {
      stream.on('data', (b: EventBatch) => sub.events.push(...(b.events ?? [])));
      stream.on('error', (e: ServiceError) => {
        sub.error = e;
        resolve();
      });
      stream.on('end', () => resolve());
    });
    return sub;
  }

  const offeredAgents = (events: Event[]): string[] =>
    events.filter((e) => e.type === EventType.OFFERS).flatMap((e) => (e.offers?.offers ?? []).map((o) => o.agent_id?.value ?? ''));

  it('over gRPC: a framework wanting cpus:2 is offered only the large agent; a framework without filters gets the small one', async () => {
    const picky = subscribe({ name: 'picky', roles: ['*'], capabilities: [{ type: MULTI_ROLE }], offer_filters: atLeastCpus(2) });
    await waitFor(() => offeredAgents(picky.events).includes(large), 15_000, 'an offer of the large agent to picky');
    const plain = subscribe({ name: 'plain' });
    await waitFor(() => offeredAgents(plain.events).includes(small), 15_000, 'an offer of the small agent to plain');
    // The small agent was free all along, and picky was subscribed first: it was passed over.
    expect(offeredAgents(picky.events)).not.toContain(small);
    expect(picky.error).toBeUndefined();
    // /state shows each framework's offer filters (Mesos's FrameworkInfo.offer_filters).
    const state = (await getState(cluster.masterAddress)) as unknown as { frameworks?: Array<{ framework_info?: { name?: string; offer_filters?: Record<string, unknown> } }> };
    const shown = (state.frameworks ?? []).find((f) => f.framework_info?.name === 'picky')?.framework_info?.offer_filters;
    expect(shown).toEqual({ '*': { min_allocatable_resources: { quantities: [{ quantities: { cpus: { value: 2 } } }] } } });
    expect((state.frameworks ?? []).find((f) => f.framework_info?.name === 'plain')?.framework_info).not.toHaveProperty('offer_filters');
  });

  it('a MULTI_ROLE framework with no roles subscribes with none (as Mesos) and is offered nothing; one subscribed after it gets both agents', async () => {
    const nobody = subscribe({ name: 'nobody', roles: [], capabilities: [{ type: MULTI_ROLE }] });
    await waitFor(() => nobody.events.some((e) => e.type === EventType.SUBSCRIBED), 15_000, 'nobody subscribed');
    const plain = subscribe({ name: 'plain-2' });
    await waitFor(() => [small, large].every((a) => offeredAgents(plain.events).includes(a)), 15_000, 'offers of both agents to plain-2');
    expect(offeredAgents(nobody.events)).toEqual([]);
    expect(nobody.error).toBeUndefined();
    const state = (await getState(cluster.masterAddress)) as unknown as { roles?: Array<{ name: string; frameworks?: Array<{ value: string }> }>; frameworks?: Array<{ framework_info?: { name?: string; id?: { value?: string } } }> };
    const id = (state.frameworks ?? []).find((f) => f.framework_info?.name === 'nobody')?.framework_info?.id?.value;
    expect(id).toBeTruthy();
    for (const role of state.roles ?? []) expect((role.frameworks ?? []).map((f) => f.value)).not.toContain(id);
  });

  it.each<[string, FrameworkInfo, string]>([
    ['roles without MULTI_ROLE', { name: 'x', roles: ['a', 'b'] }, 'subscribe.framework_info.roles: must not be set without the MULTI_ROLE capability (2 roles given'],
    ['role with MULTI_ROLE', { name: 'x', role: 'a', capabilities: [{ type: MULTI_ROLE }] }, 'subscribe.framework_info.role: must not be set when the framework has the MULTI_ROLE capability'],
    ['a negative quantity', { name: 'x', offer_filters: atLeastCpus(-1) }, 'subscribe.framework_info.offer_filters["*"].min_allocatable_resources.quantities[0].quantities["cpus"].value: must be a finite number, zero or more, got -1'],
    ['filters for a role it lacks', { name: 'x', role: 'web', offer_filters: atLeastCpus(1) }, `subscribe.framework_info.offer_filters["*"]: "*" is not one of the framework's roles (web)`],
  ])('over gRPC: refuses %s with INVALID_ARGUMENT naming the field', async (_name, info, message) => {
    const sub = subscribe(info);
    await sub.ended;
    expect(sub.error?.code).toBe(status.INVALID_ARGUMENT);
    expect(sub.error?.details).toContain(message);
  });

  it.each<['json' | 'protobuf']>([['json'], ['protobuf']])('over the Mesos HTTP API (%s): offer_filters are kept and applied', async (format) => {
    const info: Json = { user: process.env.USER || 'root', name: `picky-${format}`, roles: ['*'], capabilities: [{ type: 'MULTI_ROLE' }], offer_filters: atLeastCpus(2) };
    const picky = new SchedulerStream(cluster.masterAddress, { type: 'SUBSCRIBE', subscribe: { framework_info: info } }, { format });
    streams.push(picky);
    const agentsOf = (s: SchedulerStream): string[] => s.ofType('OFFERS').flatMap((e: Json) => (e.offers?.offers ?? []).map((o: Json) => o.agent_id?.value));
    await waitFor(() => agentsOf(picky).includes(large), 15_000, 'an offer of the large agent');
    const plain = subscribe({ name: `plain-${format}` });
    await waitFor(() => offeredAgents(plain.events).includes(small), 15_000, 'an offer of the small agent to plain');
    expect(agentsOf(picky)).not.toContain(small);
    expect(picky.problems).toEqual([]);
  });

  it('over the Mesos HTTP API: a bad quantity is a 400 naming the field', async () => {
    const info: Json = { user: 'u', name: 'bad', roles: ['*'], capabilities: [{ type: 'MULTI_ROLE' }], offer_filters: atLeastCpus(-3) };
    const answer = await rawRequest(cluster.masterAddress, { type: 'SUBSCRIBE', subscribe: { framework_info: info } });
    expect(answer.status).toBe(400);
    expect(answer.body.toString()).toContain('offer_filters["*"].min_allocatable_resources.quantities[0].quantities["cpus"].value: must be a finite number, zero or more, got -3');
  });
});

describe('--min-allocatable-resources on a real master', () => {
  let cluster: Cluster;

  beforeAll(async () => {
    cluster = await startCluster({
      agents: 2,
      name: 'min-allocatable-flag',
      masterFlags: ['--allocation-interval', '100ms', '--min-allocatable-resources', 'cpus:2|gpus:1'],
      agentFlags: (i) => ['--resources', i === 0 ? 'cpus:1;mem:1024;disk:1024' : 'cpus:4;mem:1024;disk:1024'],
    });
  });

  afterAll(async () => {
    await cluster?.stop();
  });

  it('frameworks without offer_filters get the master-wide minimum; an empty list of their own lets them take anything', async () => {
    const [small, large] = cluster.agents.map((a) => a.agentId);
    const agentsOf = (s: SchedulerStream): string[] => s.ofType('OFFERS').flatMap((e: Json) => (e.offers?.offers ?? []).map((o: Json) => o.agent_id?.value));
    const user = process.env.USER || 'root';
    const streams: SchedulerStream[] = [];
    try {
      const plain = new SchedulerStream(cluster.masterAddress, { type: 'SUBSCRIBE', subscribe: { framework_info: { user, name: 'plain' } } });
      streams.push(plain);
      await waitFor(() => agentsOf(plain).includes(large), 15_000, 'the large agent offered to plain');
      const any = new SchedulerStream(cluster.masterAddress, { type: 'SUBSCRIBE', subscribe: { framework_info: { user, name: 'any', offer_filters: { '*': { min_allocatable_resources: {} } } } } });
      streams.push(any);
      await waitFor(() => agentsOf(any).includes(small), 15_000, 'the small agent offered to any');
      // The small agent was free all along, and plain was subscribed first: it was passed over.
      expect(agentsOf(plain)).not.toContain(small);
    } finally {
      for (const s of streams) s.close();
    }
  });
});
