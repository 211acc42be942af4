/**
 * `meseta local` turns authentication and ACLs on by itself: its master
 * refuses a client without a credential, takes the operator token of the
 * client config, and keeps only hashes of the tokens on disk.
 */
import * as fs from 'node:fs';
import * as https from 'node:https';
import * as path from 'node:path';
import { spawnCli } from '../harness/cli';
import { stopAndRemove } from '../harness/cluster';

function get(master: string, urlPath: string, ca: Buffer, token?: string): Promise<{ status: number; body: string }> {
  const [host, port] = master.split(':');
  return new Promise((resolve, reject) => {
    https
      .get({ host, port: Number(port), path: urlPath, ca, servername: 'localhost', headers: token ? { authorization: `Bearer ${token}` } : {} }, (res) => {
        let body = '';
        res.on('data', (c: Buffer) => (body += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      })
      .on('error', reject);
  });
}

describe('meseta local with authentication', () => {
  it('refuses clients without a credential, admits the operator token, stores only token hashes', async () => {
    const local = spawnCli(['local', '--agents', '1', '--port', '0']);
    let root: string | undefined;
    try {
      const master = (await local.waitForLine(/^meseta local: 1 agent\(s\) up; master at https:\/\/([\d.]+:\d+)\//, 60_000, 'the "agent(s) up" line'))[1];
      const configPath = (await local.waitForLine(/^export MESETA_CONFIG=(\S+)$/, 5_000, 'the export line'))[1];
      const authDir = (await local.waitForLine(/^meseta local: authentication on: credentials \(token hashes\) and ACLs in (\S+)$/, 5_000, 'the authentication line'))[1];
      root = (await local.waitForLine(/^meseta local: agent work dirs under (\S+)/, 5_000, 'the work dir line'))[1];
      const config = JSON.parse(fs.readFileSync(configPath, 'utf8')) as Record<string, string>;
      const ca = fs.readFileSync(config.ca);

      expect(await get(master, '/health', ca)).toEqual({ status: 200, body: 'ok\n' });
      const refused = await get(master, '/state', ca);
      expect(refused.status).toBe(401);
      expect(JSON.parse(refused.body).error).toBe('/state: a credential is required (authorization: Bearer <token>, or a client certificate)');
      const state = await get(master, '/state', ca, config.token);
      expect(state.status).toBe(200);
      expect((JSON.parse(state.body) as { agents: unknown[] }).agents).toHaveLength(1);

      const credentials = fs.readFileSync(path.join(authDir, 'credentials.json'), 'utf8');
      expect(credentials).not.toContain(config.token);
      expect((JSON.parse(credentials) as { credentials: Array<{ principal: string }> }).credentials.map((c) => c.principal)).toEqual(['operator', 'demo', 'meseta-master', 'agent-1']);
      expect(fs.statSync(path.join(authDir, 'credentials.json')).mode & 0o777).toBe(0o600);
      expect(fs.statSync(path.join(authDir, 'acls.json')).mode & 0o777).toBe(0o600);

      local.kill('SIGINT');
      expect((await local.exited).code).toBe(0);
    } finally {
      await stopAndRemove(local, root);
    }
  }, 120_000);
});
