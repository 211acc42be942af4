/**
 * Role weights against a real `meseta master` (with a --work-dir registry
 * and `--weights batch=0.5`), through the `meseta` CLI (gRPC Operator API)
 * and Mesos's `POST /api/v1`: set, shown by GET_WEIGHTS / GET_ROLES and
 * /state roles, bad input refused naming the role and the value, and kept
 * across a master restart (the registry wins over --weights then).
 *
 * Needs the build (`npm run build`).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pb } from '@meseta/proto/wire';
import { runCli } from '../harness/cli';
import { startCluster, type Cluster } from '../harness/cluster';
import { getState } from '../harness/operator';
import { operatorCall } from '../support/mesos-operator-client';

let cluster: Cluster;
let workDir: string;
const M = pb.master;

beforeAll(async () => {
  workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'meseta-weights-'));
  cluster = await startCluster({ agents: 1, name: 'operate-weights', masterFlags: ['--work-dir', workDir, '--weights', 'batch=0.5'] });
}, 120_000);

afterAll(async () => {
  await cluster?.stop();
  fs.rmSync(workDir, { recursive: true, force: true });
}, 120_000);

async function cliWeights(): Promise<Record<string, number>> {
  const out = await runCli(['weights', '--master', cluster.masterAddress, '--json']);
  expect(out.stderr).toBe('');
  expect(out.code).toBe(0);
  const doc = JSON.parse(out.stdout) as { weights: Array<{ role: string; weight: number }> };
  return Object.fromEntries(doc.weights.map((w) => [w.role, w.weight]));
}

const call = (c: Record<string, unknown>) => operatorCall(cluster.masterAddress, M.Call, M.Response, M.Call.fromObject(c));

async function mesosWeights(): Promise<Record<string, number>> {
  const answer = await call({ type: 'GET_WEIGHTS' });
  expect(answer.status).toBe(200);
  return Object.fromEntries((answer.message?.get_weights?.weight_infos ?? []).map((w) => [w.role ?? '', w.weight ?? 0]));
}

describe('weights', () => {
  it('starts with the --weights flag', async () => {
    expect(await cliWeights()).toEqual({ batch: 0.5 });
  }, 60_000);

  it('meseta weights set sets them; the table and /state roles show them', async () => {
    const set = await runCli(['weights', 'set', 'web=2', 'analytics=3', '--master', cluster.masterAddress]);
    expect(set.stderr).toBe('');
    expect(set.code).toBe(0);
    expect(set.stdout.trim()).toBe('role web: weight 2\nrole analytics: weight 3');
    const table = await runCli(['weights', '--master', cluster.masterAddress]);
    expect(table.stdout.trim().split('\n')).toEqual(['ROLE       WEIGHT', 'analytics       3', 'batch         0.5', 'web             2']);
    const roles = (await getState(cluster.masterAddress)) as unknown as { roles?: Array<{ name: string; weight: number }> };
    expect(roles.roles?.find((r) => r.name === 'web')?.weight).toBe(2);
  }, 60_000);

  it.each([
    [['web=0'], "role 'web': weight must be a finite number above 0, got '0'"],
    [['web=-2'], "role 'web': weight must be a finite number above 0, got '-2'"],
    [['web=lots'], "role 'web': weight must be a finite number above 0, got 'lots'"],
    [['web'], "'web' is not role=weight"],
    [[], 'give at least one role=weight'],
  ])('meseta weights set %j is refused (exit 2) naming the problem', async (items, message) => {
    const out = await runCli(['weights', 'set', ...items, '--master', cluster.masterAddress]);
    expect(out.code).toBe(2);
    expect(out.stderr).toContain(message);
  }, 60_000);

  it('Mesos UPDATE_WEIGHTS sets them; GET_WEIGHTS and GET_ROLES show them; bad input is a 400 naming the field, role and value', async () => {
    const ok = await call({ type: 'UPDATE_WEIGHTS', update_weights: { weight_infos: [{ role: 'ops', weight: 4 }] } });
    expect(ok.status).toBe(200);
    expect(await mesosWeights()).toEqual({ batch: 0.5, web: 2, analytics: 3, ops: 4 });
    const roles = await call({ type: 'GET_ROLES' });
    expect(roles.message?.get_roles?.roles?.find((r) => r.name === 'ops')?.weight).toBe(4);
    const bad = await call({ type: 'UPDATE_WEIGHTS', update_weights: { weight_infos: [{ role: 'ops', weight: 5 }, { role: 'web', weight: -1 }] } });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain("update_weights.weight_infos[1].weight: role 'web': weight must be a finite number above 0, got -1");
    const none = await call({ type: 'UPDATE_WEIGHTS' });
    expect(none.status).toBe(400);
    expect(none.text).toContain('update_weights.weight_infos: required');
    // All or nothing: the refused call changed nothing.
    expect(await mesosWeights()).toEqual({ batch: 0.5, web: 2, analytics: 3, ops: 4 });
  }, 60_000);

});

async function cliQuota(): Promise<unknown> {
  const out = await runCli(['quota', '--master', cluster.masterAddress, '--json']);
  expect(out.stderr).toBe('');
  expect(out.code).toBe(0);
  return JSON.parse(out.stdout);
}

describe('quota', () => {
  it('meseta quota set / remove set and remove a role\'s quota; meseta quota lists them', async () => {
    const set = await runCli(['quota', 'set', 'db', '--guarantee', 'cpus=1,mem=256', '--limit', 'cpus=2', '--master', cluster.masterAddress]);
    expect(set.stderr).toBe('');
    expect(set.code).toBe(0);
    expect(set.stdout.trim()).toBe('role db: guarantee cpus:1;mem:256, limit cpus:2');
    expect((await runCli(['quota', 'set', 'tmp', '--limit', 'mem=64', '--master', cluster.masterAddress])).code).toBe(0);
    expect((await runCli(['quota', 'remove', 'tmp', '--master', cluster.masterAddress])).code).toBe(0);
    expect(await cliQuota()).toEqual({ quotas: [{ role: 'db', guarantees: { cpus: 1, mem: 256 }, limits: { cpus: 2 }, consumed: {} }] });
    const table = await runCli(['quota', '--master', cluster.masterAddress]);
    expect(table.stdout.trim().split('\n')).toEqual(['ROLE  GUARANTEE       LIMIT   CONSUMED', 'db    cpus:1;mem:256  cpus:2  -']);
  }, 60_000);

  it.each([
    [['set', 'db', '--guarantee', 'cpus=4', '--limit', 'cpus=2'], 2, "guarantee of cpus (4) is above its limit (2)"],
    [['set', 'db', '--guarantee', 'cpus=-1'], 2, "--guarantee: cpus: must be a finite number of at least 0, got '-1'"],
    [['set', 'db', '--limit', 'cpus'], 2, "--limit: 'cpus' is not resource=amount"],
    [['set', 'db'], 2, 'give --guarantee and/or --limit'],
    [['set'], 2, 'give the role'],
    [['set', '..', '--limit', 'cpus=1'], 1, "update_quota.quotas[0].role: '..' is not a role name"],
  ])('meseta quota %j is refused naming the problem', async (args, code, message) => {
    const out = await runCli(['quota', ...args, '--master', cluster.masterAddress]);
    expect(out.stderr).toContain(message);
    expect(out.code).toBe(code);
  }, 60_000);
});

describe('after a master restart', () => {
  it('weights and quotas are kept (the registry wins over --weights)', async () => {
    await runCli(['weights', 'set', 'batch=1.5', '--master', cluster.masterAddress]);
    await cluster.master.restart();
    expect(await cliWeights()).toEqual({ batch: 1.5, web: 2, analytics: 3, ops: 4 });
    expect(await mesosWeights()).toEqual({ batch: 1.5, web: 2, analytics: 3, ops: 4 });
    expect(await cliQuota()).toEqual({ quotas: [{ role: 'db', guarantees: { cpus: 1, mem: 256 }, limits: { cpus: 2 }, consumed: {} }] });
  }, 120_000);
});
