/**
 * Quota along the role tree against a real `meseta master` and agent
 * (issue 14), through the CLI as operators use it: children's guarantees
 * past their parent's are refused naming the roles and amounts (nothing is
 * set); a reservation counts toward its role's quota, so `meseta reserve`
 * past a limit on the role's line is refused naming the role, asked,
 * consumption and limit, and one within it goes through. `meseta quota set`
 * raising guarantees past the cluster is refused naming asked and available
 * unless `--force` (Mesos's capacity check on our gRPC UPDATE_QUOTA).
 *
 * Needs the build (`npm run build`).
 */
import { runCli } from '../harness/cli';
import { startCluster, type Cluster } from '../harness/cluster';

let cluster: Cluster;

beforeAll(async () => {
  cluster = await startCluster({ agents: 1, name: 'quota-tree', agentFlags: ['--resources', 'cpus:4;mem:2048'] });
}, 120_000);

afterAll(async () => {
  await cluster?.stop();
}, 120_000);

const cli = (...args: string[]) => runCli([...args, '--master', cluster.masterAddress]);

async function quotaRoles(): Promise<string[]> {
  const out = await cli('quota', '--json');
  expect(out.stderr).toBe('');
  return (JSON.parse(out.stdout) as { quotas: Array<{ role: string }> }).quotas.map((q) => q.role).sort();
}

describe('quota along the role tree on a real master', () => {
  it('refuses children guaranteed more than their parent, naming roles and amounts', async () => {
    const parent = await cli('quota', 'set', 'eng', '--guarantee', 'cpus=2', '--limit', 'cpus=3');
    expect(parent.stderr).toBe('');
    expect(parent.code).toBe(0);
    const child = await cli('quota', 'set', 'eng/a', '--guarantee', 'cpus=1');
    expect(child.code).toBe(0);
    const tooMuch = await cli('quota', 'set', 'eng/b', '--guarantee', 'cpus=1.5');
    expect(tooMuch.code).not.toBe(0);
    expect(tooMuch.stderr).toContain("the guarantees of cpus of the children of role 'eng' ('eng/a', 'eng/b') add up to 2.5, above the guarantee of 'eng' (2)");
    expect(await quotaRoles()).toEqual(['eng', 'eng/a']);
  }, 60_000);

  it('counts reservations toward the limits on the role line: past them refused with the amounts, within them reserved', async () => {
    const agentId = cluster.agents[0].agentId;
    const within = await cli('reserve', agentId, 'cpus:2', '--role', 'eng/a');
    expect(within.stderr).toBe('');
    expect(within.code).toBe(0);
    const past = await cli('reserve', agentId, 'cpus:1.5', '--role', 'eng/b');
    expect(past.code).not.toBe(0);
    expect(past.stderr).toContain("reserving would pass the quota limit of role 'eng' cpus: asked 1.5, consumes 2, limit 3");
    const fits = await cli('reserve', agentId, 'cpus:1', '--role', 'eng/b');
    expect(fits.stderr).toBe('');
    expect(fits.code).toBe(0);
  }, 60_000);

  it('meseta quota set past the cluster is refused naming asked and available; --force sets it; remove needs no force', async () => {
    // The agent has cpus:4; eng already guarantees 2 (eng/a sits inside it).
    const past = await cli('quota', 'set', 'ops', '--guarantee', 'cpus=3');
    expect(past.code).not.toBe(0);
    expect(past.stderr).toContain("update_quota.quotas: the guarantees exceed the cluster's capacity (cpus: all roles' guarantees would be 5, the cluster has 4); set update_quota.force (meseta quota set --force) to set them anyway");
    expect(await quotaRoles()).toEqual(['eng', 'eng/a']);
    const forced = await cli('quota', 'set', 'ops', '--guarantee', 'cpus=3', '--force');
    expect([forced.code, forced.stderr]).toEqual([0, '']);
    expect(await quotaRoles()).toEqual(['eng', 'eng/a', 'ops']);
    const removed = await cli('quota', 'remove', 'ops');
    expect([removed.code, removed.stderr]).toEqual([0, '']);
    expect(await quotaRoles()).toEqual(['eng', 'eng/a']);
    const misplaced = await cli('quota', '--force');
    expect(misplaced.code).not.toBe(0);
    expect(misplaced.stderr).toContain('quota: --guarantee, --limit and --force go with meseta quota set <role>');
  }, 60_000);
});
