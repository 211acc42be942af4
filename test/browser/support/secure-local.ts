/**
 * `meseta local` (TLS and authentication on by default) with headless
 * Chromium trusting only its master's key (an SPKI pin, nothing added to
 * the system's trust), for the web UI tests over https. `stop()` closes the
 * browser, stops the cluster, kills what it started and removes its dir.
 */
import { createHash, X509Certificate } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { spawnCli } from '../../harness/cli';
import { stopAndRemove } from '../../harness/cluster';
import type { MesetaProcess } from '../../harness/meseta-process';
import { launchChromium, type BrowserSession } from './chromium';

/** A running secure local cluster and a browser for it. */
export interface SecureLocal {
  /** `ip:port` of the master (https). */
  master: string;
  /** The cluster's work root (tls/, auth/, config.json). */
  root: string;
  /** The operator token of the cluster's client config. */
  token: string;
  browser: BrowserSession;
  stop(): Promise<void>;
}

/** Start `meseta local --agents 1` and a Chromium that trusts its master. */
export async function startSecureLocal(): Promise<SecureLocal> {
  const local: MesetaProcess = spawnCli(['local', '--agents', '1', '--port', '0']);
  let root: string | undefined;
  let browser: BrowserSession | undefined;
  const stop = async (): Promise<void> => {
    await browser?.close();
    await stopAndRemove(local, root);
  };
  try {
    const master = (await local.waitForLine(/^meseta local: 1 agent\(s\) up; master at https:\/\/([\d.]+:\d+)\//, 60_000, 'the "agent(s) up" line'))[1];
    const configPath = (await local.waitForLine(/^export MESETA_CONFIG=(\S+)$/, 5_000, 'the export line'))[1];
    root = (await local.waitForLine(/^meseta local: agent work dirs under (\S+)/, 5_000, 'the work dir line'))[1];
    const token = (JSON.parse(fs.readFileSync(configPath, 'utf8')) as { token: string }).token;
    const certificate = new X509Certificate(fs.readFileSync(path.join(root, 'tls', 'master.crt')));
    const spki = createHash('sha256').update(certificate.publicKey.export({ type: 'spki', format: 'der' })).digest('base64');
    browser = await launchChromium({ width: 1280, height: 800 }, { extraArgs: [`--ignore-certificate-errors-spki-list=${spki}`] });
    return { master, root, token, browser, stop };
  } catch (e) {
    await stop();
    throw e;
  }
}
