/**
 * A persistent volume destroyed while its agent is stopped, then a master
 * restart (real master with a registry file, real posix agent, the meseta
 * CLI): the destroy waits in the agent's registry entry, so the restarted
 * master tells the agent when it comes back and the volume's directory is
 * removed.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { startCluster, type Cluster } from '../harness/cluster';
import { waitFor } from '../harness/wait-for';
import { runCli } from '../harness/cli';
import { getState } from '../harness/operator';

describe('a volume destroyed while its agent is away, across a master restart', () => {
  let cluster: Cluster;
  let workDir: string;

  beforeAll(async () => {
    workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'meseta-volume-destroy-'));
    cluster = await startCluster({ name: 'volume-destroy-failover', agents: 1, masterFlags: ['--work-dir', workDir, '--allocation-interval', '200ms'] });
  });

  afterAll(async () => {
    await cluster?.stop();
    fs.rmSync(workDir, { recursive: true, force: true });
  });

  const agentStatus = async (agentId: string): Promise<string | undefined> => {
    const state = await getState(cluster.master.address).catch(() => undefined);
    return (state?.agents ?? []).find((a) => a.agent_info?.id?.value === agentId)?.status as string | undefined;
  };

  it('the restarted master tells the returning agent, which removes the directory', async () => {
    const agent = cluster.agents[0];
    const agentId = agent.agentId;
    const master = cluster.master.address;
    const cli = async (args: string[]): Promise<string> => {
      const out = await runCli([...args, '--master', cluster.master.address]);
      expect([args.slice(0, 2).join(' '), out.code, out.stderr]).toEqual([args.slice(0, 2).join(' '), 0, '']);
      return out.stdout;
    };
    await cli(['reserve', agentId, 'disk:16', '--role', 'ops', '--principal', 'opsp']);
    await cli(['volumes', 'create', agentId, '--role', 'ops', '--principal', 'opsp', '--id', 'gone-later', '--size', '16', '--path', 'data']);
    const dir = path.join(agent.workDir, 'volumes', 'roles', 'ops', 'gone-later');
    await waitFor(() => fs.existsSync(dir), 30_000, `the volume's directory ${dir}`);
    fs.writeFileSync(path.join(dir, 'data.txt'), 'kept until destroyed\n');

    // The agent stops; the master sees it disconnected and the operator destroys the volume.
    await agent.stop();
    await waitFor(async () => (await agentStatus(agentId)) === 'DISCONNECTED', 30_000, 'the master to see the agent disconnected');
    expect(await cli(['volumes', 'destroy', agentId, '--role', 'ops', '--id', 'gone-later'])).toContain(`destroyed volume gone-later (role ops) on agent ${agentId}`);
    expect(fs.existsSync(dir)).toBe(true); // nobody told the agent yet

    // The master restarts (its memory gone), then the agent comes back under its id.
    await cluster.master.restart();
    expect(cluster.master.address).toBe(master);
    await agent.restart();
    expect(agent.agentId).toBe(agentId);
    await waitFor(() => !fs.existsSync(dir), 30_000, `the destroyed volume's directory ${dir} removed by the agent`);
    // Nothing else went: the disk is still reserved to ops, and no volume is listed.
    const listed = JSON.parse(await cli(['volumes', '--agent', agentId, '--json'])) as { volumes: unknown[] };
    expect(listed.volumes).toEqual([]);
    await cli(['unreserve', agentId, 'disk:16', '--role', 'ops', '--principal', 'opsp']);
  }, 150_000);
});
