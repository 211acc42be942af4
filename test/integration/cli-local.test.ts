/**
 * `meseta local`: a master and agents in one process, with and without the
 * demo; secure by default (TLS, a client config for the CLI and SDK), plain
 * with `--insecure`.
 */
import * as fs from 'node:fs';
import { runCli, spawnCli } from '../harness/cli';
import { stopAndRemove } from '../harness/cluster';
import { activeAgents, getState } from '../harness/operator';
import { waitFor } from '../harness/wait-for';
import { EMPTY_CLIENT_CONFIG } from '../setup/client-config-isolation';

describe('meseta local', () => {
  it('runs the hello-world demo to completion and exits 0 with --exit-after-demo', async () => {
    const result = await runCli(['local', '--agents', '2', '--demo', '--exit-after-demo', '--port', '0'], { timeoutMs: 90_000 });
    expect(result.code).toBe(0);
    expect(result.stdout.match(/^meseta agent registered as \S+$/gm)).toHaveLength(2);
    expect(result.stdout).toMatch(/^meseta local: 2 agent\(s\) up; master at https:\/\/127\.0\.0\.1:\d+\//m);
    expect(result.stdout).toMatch(/^demo \| .*TASK_FINISHED/m);
    expect(result.stdout).toMatch(/^meseta local: demo exited with code 0$/m);
    const root = /^meseta local: agent work dirs under (\S+)/m.exec(result.stdout)?.[1];
    expect(root).toBeDefined();
    expect(fs.existsSync(root!)).toBe(false);
  }, 120_000);

  it('serves a cluster until Ctrl-C, then stops cleanly and removes its work dirs (--insecure: plaintext)', async () => {
    const local = spawnCli(['local', '--agents', '3', '--port', '0', '--insecure']);
    let root: string | undefined;
    try {
      const ready = await local.waitForLine(/^meseta local: 3 agent\(s\) up; master at http:\/\/([\d.]+:\d+)\//, 60_000, 'the "agent(s) up" line');
      const master = ready[1];
      root = (await local.waitForLine(/^meseta local: agent work dirs under (\S+)/, 5_000, 'the work dir line'))[1];
      const state = await waitFor(async () => {
        const s = await getState(master);
        return activeAgents(s).length === 3 ? s : undefined;
      }, 20_000, 'three active agents');
      // Each agent listens on its own port, with the default per-agent resources.
      const ports = new Set((state.agents ?? []).map((a) => a.agent_info.port));
      expect(ports.size).toBe(3);

      const run = await runCli(['run', '--master', master, '--name', 'in-local', '--command', 'echo local-ok']);
      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(/^local-ok$/m);

      local.kill('SIGINT');
      const exit = await local.exited;
      expect(exit.code).toBe(0);
      expect(fs.existsSync(root)).toBe(false);
    } finally {
      await stopAndRemove(local, root);
    }
  }, 120_000);

  it('is secure by default: TLS, and a task runs through the SDK with only MESETA_CONFIG set', async () => {
    for (const name of ['MESETA_MASTER', 'MESETA_TOKEN', 'MESETA_CA_CERT', 'MESETA_CLIENT_CERT', 'MESETA_CLIENT_KEY']) {
      if (process.env[name]) throw new Error(`unset ${name}: this test checks that MESETA_CONFIG alone is enough`);
    }
    const local = spawnCli(['local', '--agents', '1', '--port', '0']);
    let root: string | undefined;
    try {
      const ready = await local.waitForLine(/^meseta local: 1 agent\(s\) up; master at https:\/\/([\d.]+:\d+)\//, 60_000, 'the "agent(s) up" line');
      const master = ready[1];
      const configPath = (await local.waitForLine(/^export MESETA_CONFIG=(\S+)$/, 5_000, 'the export line'))[1];
      root = (await local.waitForLine(/^meseta local: agent work dirs under (\S+)/, 5_000, 'the work dir line'))[1];
      const config = JSON.parse(fs.readFileSync(configPath, 'utf8')) as Record<string, string>;
      expect(config.master).toBe(master);
      expect(Object.keys(config).sort()).toEqual(['ca', 'cert', 'key', 'master', 'token']);
      expect(fs.statSync(configPath).mode & 0o777).toBe(0o600);
      for (const file of [config.ca, config.cert, config.key]) expect(fs.existsSync(file)).toBe(true);

      const env = { MESETA_CONFIG: configPath };
      const agents = await runCli(['agents'], { env });
      expect(agents.code).toBe(0);
      expect(agents.stdout.trim().split('\n')).toHaveLength(2);
      // `meseta run` is a framework written with the SDK: no --master, no credential flags.
      const run = await runCli(['run', '--name', 'secure-local', '--command', 'echo secure-ok'], { env });
      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(/^secure-ok$/m);
      // A plaintext client cannot talk to it.
      const plain = await runCli(['agents', '--master', master], { env: { MESETA_CONFIG: EMPTY_CLIENT_CONFIG } });
      expect(plain.code).toBe(1);
      expect(plain.stderr).toMatch(/cannot reach master at/);

      local.kill('SIGINT');
      expect((await local.exited).code).toBe(0);
      expect(fs.existsSync(root)).toBe(false);
    } finally {
      await stopAndRemove(local, root);
    }
  }, 120_000);
});
