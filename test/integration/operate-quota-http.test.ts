/**
 * Quota and the role tree against a real `meseta master` (a --work-dir
 * registry) and agent, over raw HTTP: Mesos's UPDATE_QUOTA / GET_QUOTA on
 * `POST /api/v1` in JSON and protobuf (the same registry path as `meseta
 * quota`: the CLI sees what the HTTP call set), the capacity check and
 * `force`, bad input refused naming the field; then `/state` roles,
 * Mesos's GET_ROLES and `/master/roles` with quota, reserved resources
 * (after `meseta reserve`) and the parent of a hierarchical role.
 *
 * Needs the build (`npm run build`).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pb } from '@meseta/proto/wire';
import { runCli } from '../harness/cli';
import { startCluster, type Cluster } from '../harness/cluster';
import { getState, httpGet } from '../harness/operator';
import { operatorCall } from '../support/mesos-operator-client';

let cluster: Cluster;
let workDir: string;
const M = pb.master;

beforeAll(async () => {
  workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'meseta-quota-http-'));
  cluster = await startCluster({ agents: 1, name: 'operate-quota-http', masterFlags: ['--work-dir', workDir], agentFlags: ['--resources', 'cpus:4;mem:2048;disk:4096'] });
}, 120_000);

afterAll(async () => {
  await cluster?.stop();
  if (workDir) fs.rmSync(workDir, { recursive: true, force: true });
}, 120_000);

const call = (c: Record<string, unknown>, format: 'json' | 'protobuf' = 'json') => operatorCall(cluster.masterAddress, M.Call, M.Response, M.Call.fromObject(c), { format });

const scalars = (m: Record<string, number>) => Object.fromEntries(Object.entries(m).map(([k, value]) => [k, { value }]));

async function cliQuotas(): Promise<Record<string, { guarantees: Record<string, number>; limits: Record<string, number> }>> {
  const out = await runCli(['quota', '--master', cluster.masterAddress, '--json']);
  expect(out.stderr).toBe('');
  const doc = JSON.parse(out.stdout) as { quotas: Array<{ role: string; guarantees: Record<string, number>; limits: Record<string, number> }> };
  return Object.fromEntries(doc.quotas.map((q) => [q.role, { guarantees: q.guarantees, limits: q.limits }]));
}

interface RoleJson {
  name: string;
  weight?: number;
  parent?: string;
  children?: string[];
  quota?: { guarantees?: Record<string, number>; limits?: Record<string, number> };
  reserved_resources?: Array<{ name: string; scalar?: { value: number } }>;
  frameworks?: unknown[];
}

describe('Mesos quota calls on /api/v1', () => {
  it('UPDATE_QUOTA in JSON sets a quota meseta quota then shows; GET_QUOTA answers it in JSON and protobuf', async () => {
    // A limit only: a child's guarantee would need one on its parent (the allocator's hierarchical rule).
    const set = await call({ type: 'UPDATE_QUOTA', update_quota: { quota_configs: [{ role: 'eng/backend', limits: scalars({ cpus: 2, mem: 1024 }) }] } });
    expect(set.text).toBe('');
    expect(set.status).toBe(200);
    expect(await cliQuotas()).toEqual({ 'eng/backend': { guarantees: {}, limits: { cpus: 2, mem: 1024 } } });

    for (const format of ['json', 'protobuf'] as const) {
      const got = await call({ type: 'GET_QUOTA' }, format);
      expect(got.status).toBe(200);
      const status = got.message?.get_quota?.status;
      expect(status?.configs?.map((c) => ({ role: c.role, cpus: c.limits?.cpus?.value, mem: c.limits?.mem?.value }))).toEqual([{ role: 'eng/backend', cpus: 2, mem: 1024 }]);
      expect(status?.infos?.map((i) => [i.role, i.guarantee ?? []])).toEqual([['eng/backend', []]]);
    }
  }, 60_000);

  it('UPDATE_QUOTA in protobuf sets another role, all or nothing with the first', async () => {
    const set = await call({ type: 'UPDATE_QUOTA', update_quota: { quota_configs: [{ role: 'web', guarantees: scalars({ cpus: 1 }), limits: scalars({ cpus: 3 }) }] } }, 'protobuf');
    expect(set.status).toBe(200);
    expect(Object.keys(await cliQuotas()).sort()).toEqual(['eng/backend', 'web']);
  }, 60_000);

  it('guarantees past the cluster are refused (409) with asked and available; force sets them', async () => {
    const refused = await call({ type: 'UPDATE_QUOTA', update_quota: { quota_configs: [{ role: 'batch', guarantees: scalars({ cpus: 100 }) }] } });
    expect(refused.status).toBe(409);
    expect(refused.text).toContain("update_quota.quota_configs: the guarantees exceed the cluster's capacity (cpus: all roles' guarantees would be 101, the cluster has 4)");
    expect(Object.keys(await cliQuotas())).not.toContain('batch');
    const forced = await call({ type: 'UPDATE_QUOTA', update_quota: { force: true, quota_configs: [{ role: 'batch', guarantees: scalars({ cpus: 100 }) }] } });
    expect(forced.status).toBe(200);
    expect((await cliQuotas()).batch).toEqual({ guarantees: { cpus: 100 }, limits: {} });
    // An empty config removes it.
    const removed = await call({ type: 'UPDATE_QUOTA', update_quota: { quota_configs: [{ role: 'batch' }] } });
    expect(removed.status).toBe(200);
    expect(Object.keys(await cliQuotas())).not.toContain('batch');
  }, 60_000);

  it.each<[string, Record<string, unknown>, string]>([
    ['no configs', { quota_configs: [] }, 'update_quota.quota_configs: required'],
    ['a negative limit', { quota_configs: [{ role: 'x', limits: scalars({ mem: -1 }) }] }, "update_quota.quota_configs[0].limits.mem: role 'x': must be a finite number of at least 0, got -1"],
    ['a bad role name', { quota_configs: [{ role: '../x', limits: scalars({ mem: 1 }) }] }, 'update_quota.quota_configs[0].role: '],
    ['a guarantee above its limit', { quota_configs: [{ role: 'x', guarantees: scalars({ cpus: 2 }), limits: scalars({ cpus: 1 }) }] }, 'update_quota.quota_configs[0]: '],
  ])('bad input is a 400 naming the field: %s', async (_name, body, message) => {
    const answer = await call({ type: 'UPDATE_QUOTA', update_quota: body });
    expect(answer.status).toBe(400);
    expect(answer.text).toContain(message);
  }, 60_000);

  it('a value of the wrong type in JSON is a 400 naming its path', async () => {
    const answer = await operatorCall(cluster.masterAddress, M.Call, M.Response, {}, { rawBody: JSON.stringify({ type: 'UPDATE_QUOTA', update_quota: { quota_configs: [{ role: 'x', limits: { cpus: { value: 'lots' } } }] } }) });
    expect(answer.status).toBe(400);
    expect(answer.text).toMatch(/update_quota\.quota_configs\[0\]\.limits\.cpus\.value/);
  }, 60_000);
});

describe('roles in /state, GET_ROLES and /master/roles', () => {
  it('list the quota, what is reserved, and the parent of a hierarchical role', async () => {
    const agentId = cluster.agents[0].agentId;
    const reserve = await runCli(['reserve', agentId, 'cpus:1;mem:256', '--role', 'eng', '--principal', 'ops', '--master', cluster.masterAddress]);
    expect(reserve.stderr).toBe('');
    expect(reserve.code).toBe(0);

    const state = (await getState(cluster.masterAddress)) as unknown as { roles?: RoleJson[] };
    const roles = new Map((state.roles ?? []).map((r) => [r.name, r]));
    // eng has no framework and no quota of its own: it is listed as eng/backend's parent, with its reservation.
    expect(roles.get('eng')).toMatchObject({ weight: 1, children: ['eng/backend'] });
    expect(roles.get('eng')?.parent).toBeUndefined();
    expect(roles.get('eng')?.quota).toBeUndefined();
    expect(Object.fromEntries((roles.get('eng')?.reserved_resources ?? []).map((r) => [r.name, r.scalar?.value]))).toEqual({ cpus: 1, mem: 256 });
    expect(roles.get('eng/backend')).toMatchObject({ parent: 'eng', quota: { limits: { cpus: 2, mem: 1024 } } });
    expect(roles.get('web')).toMatchObject({ quota: { guarantees: { cpus: 1 }, limits: { cpus: 3 } } });

    for (const format of ['json', 'protobuf'] as const) {
      const got = await call({ type: 'GET_ROLES' }, format);
      expect(got.status).toBe(200);
      const byName = new Map((got.message?.get_roles?.roles ?? []).map((r) => [r.name, r]));
      expect(byName.get('eng/backend')?.parent).toBe('eng');
      expect(byName.get('eng/backend')?.quota?.limits?.mem?.value).toBe(1024);
      expect(byName.get('eng')?.children).toEqual(['eng/backend']);
      expect(byName.get('eng')?.reserved?.find((r) => r.name === 'cpus')?.scalar?.value).toBe(1);
    }

    const mesos = await httpGet(cluster.masterAddress, '/master/roles');
    expect(mesos.status).toBe(200);
    const doc = JSON.parse(mesos.body) as { roles: Array<{ name: string; quota?: { guarantee: Record<string, number>; limit: Record<string, number> }; reserved: Record<string, number>; parent?: string }> };
    const m = new Map(doc.roles.map((r) => [r.name, r]));
    expect(m.get('eng/backend')).toMatchObject({ parent: 'eng', quota: { guarantee: {}, limit: { cpus: 2, mem: 1024 } } });
    expect(m.get('web')?.quota).toMatchObject({ guarantee: { cpus: 1 }, limit: { cpus: 3 } });
    expect(m.get('eng')?.reserved).toMatchObject({ cpus: 1, mem: 256 });
  }, 60_000);
});
