/**
 * Running a CNI network's plugin chain (CNI spec): ADD runs each plugin in
 * order, giving each the result of the one before (`prevResult`); DEL runs
 * them in reverse with the chain's last result; CHECK in order with it.
 * The plugin processes sit behind {@link CniExec} (real: spawn the binary
 * from the plugins directory; unit tests: an in-memory stand-in).
 */
import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { CniError, cniEnvironment, failedPluginText, parseCniResult, pluginStdin, type CniAddress, type CniCommand, type CniNetwork, type CniPortMapping } from './cni-config';

/** One finished plugin process. */
export interface CniRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs one plugin binary with an environment and stdin. */
export interface CniExec {
  run(binary: string, env: Record<string, string>, stdin: string): Promise<CniRun>;
}

/** The real {@link CniExec}: spawns the binary (never through a shell). */
export const spawnCniExec: CniExec = {
  run(binary, env, stdin) {
    return new Promise((resolve) => {
      const child = spawn(binary, [], { env, stdio: ['pipe', 'pipe', 'pipe'] });
      let stdout = '';
      let stderr = '';
      child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
      child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
      child.stdin.on('error', () => undefined);
      child.on('error', (e) => resolve({ code: 127, stdout, stderr: stderr || e.message }));
      child.on('close', (code) => resolve({ code: code ?? 1, stdout, stderr }));
      child.stdin.end(stdin);
    });
  },
};

/** What an ADD gave: the chain's final result (kept for DEL) and the container's addresses. */
export interface CniAttachResult {
  result: Record<string, unknown>;
  addresses: CniAddress[];
}

/** Runs plugin chains from one plugins directory. */
export class CniInvoker {
  constructor(
    readonly pluginsDir: string,
    private readonly exec: CniExec = spawnCniExec,
  ) {}

  private async call(command: CniCommand, network: CniNetwork, index: number, containerId: string, netns: string, prev: unknown, ports: readonly CniPortMapping[]): Promise<CniRun> {
    const type = String(network.plugins[index].type);
    const env = cniEnvironment(command, containerId, netns, this.pluginsDir);
    return this.exec.run(path.join(this.pluginsDir, type), env, pluginStdin(network, index, prev, ports));
  }

  /** CNI ADD through the chain; throws a {@link CniError} naming the plugin that failed (the caller runs DEL to undo). */
  async add(network: CniNetwork, containerId: string, netns: string, ports: readonly CniPortMapping[]): Promise<CniAttachResult> {
    let prev: Record<string, unknown> | undefined;
    let addresses: CniAddress[] = [];
    for (let i = 0; i < network.plugins.length; i++) {
      const type = String(network.plugins[i].type);
      const run = await this.call('ADD', network, i, containerId, netns, prev, ports);
      if (run.code !== 0) throw new CniError(`network ${network.name}: ${failedPluginText(type, run.code, run.stdout, run.stderr)}`);
      const parsed = parseCniResult(run.stdout, type);
      prev = parsed.result;
      if (parsed.addresses.length > 0) addresses = parsed.addresses;
    }
    return { result: prev ?? {}, addresses };
  }

  /**
   * CNI DEL through the chain in reverse. Every plugin is asked even when
   * one fails (so as much as possible is released); the failures are
   * thrown together afterwards.
   */
  async del(network: CniNetwork, containerId: string, netns: string, ports: readonly CniPortMapping[], result?: unknown): Promise<void> {
    const failures: string[] = [];
    for (let i = network.plugins.length - 1; i >= 0; i--) {
      const type = String(network.plugins[i].type);
      const run = await this.call('DEL', network, i, containerId, netns, result, ports);
      if (run.code !== 0) failures.push(failedPluginText(type, run.code, run.stdout, run.stderr));
    }
    if (failures.length > 0) throw new CniError(`network ${network.name}: DEL: ${failures.join('; ')}`);
  }
}
