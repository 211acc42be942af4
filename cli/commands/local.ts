/**
 * `meseta local`: a master and N agents in one process (like mesos-local or
 * `nomad agent -dev`), each agent with its own work dir under one root that
 * is removed on exit. `--demo` also runs the hello-world example against it.
 *
 * Secure by default: it makes a cluster CA, the daemons' certificates and
 * an operator credential in its work dir (`../local-credentials`), serves
 * TLS, and writes a client config (`export MESETA_CONFIG=…` printed) that
 * the CLI and SDK find with no other flags. `--insecure`: plaintext.
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Command } from 'commander';
import type { RunningAgent } from '../../agent/index';
import type { RunningMaster } from '../../master/index';
import type { Logger } from '@meseta/runtime/log';
import { CliError } from '../cli-error';
import { startFailureMessage } from '../start-failure';
import { daemonLogger, LOG_LEVEL_HELP, logLevelFrom, quietWhen, stopOnSignal } from '../daemon';
import { countFlag, portFlag, resourcesFlag } from '../flags';
import type { MasterFlags } from './master';
import { addMasterTimingOptions, masterOptionsFrom } from './master';
import { containerizersFlag } from './agent';
import { daemonMaterial, makeLocalCredentials, writeLocalClientConfig, type LocalCredentials } from '../local-credentials';
import { writeLocalTrust, type LocalTrust } from '../local-trust';

/** The flags of `meseta local`, as commander hands them over (text). */
export interface LocalFlags extends MasterFlags {
  agents: string;
  workDir?: string;
  keepWorkDir?: boolean;
  resources?: string;
  containerizers?: string;
  demo?: boolean;
  exitAfterDemo?: boolean;
  /** `--insecure`: plaintext, no certificates. */
  insecure?: boolean;
}

/**
 * What each agent offers when `--resources` is not given: small enough for
 * several agents on one laptop, with a distinct port range per agent so tasks
 * asking for ports do not collide.
 */
export function defaultLocalResources(index: number): string {
  const first = 31000 + index * 1000;
  return `cpus:2;mem:2048;disk:8192;ports:[${first}-${first + 999}]`;
}

/** The compiled hello-world example, next to the compiled CLI. */
export function demoScriptPath(): string {
  return path.resolve(__dirname, '..', '..', 'examples', 'hello-world.js');
}

function portIsFree(port: number, host: string): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(port, host, () => server.close(() => resolve(true)));
  });
}

/** The demo child, its output prefixed, resolving to its exit code. */
function runDemo(master: string, logLevel: string, logger: Logger, configPath: string | undefined): { exited: Promise<number>; stop(): void } {
  const script = demoScriptPath();
  if (!fs.existsSync(script)) throw new CliError(`the demo is not built (${script} missing): run npm run build first`);
  const child = spawn(process.execPath, [script, '--master', master], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, MESETA_LOG_LEVEL: logLevel, ...(configPath ? { MESETA_CONFIG: configPath } : {}) },
  });
  const prefix = (stream: NodeJS.ReadableStream, out: NodeJS.WritableStream): void => {
    let pending = '';
    stream.setEncoding('utf8');
    stream.on('data', (chunk: string) => {
      const lines = (pending + chunk).split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) out.write(`demo | ${line}\n`);
    });
    stream.on('end', () => pending && out.write(`demo | ${pending}\n`));
  };
  prefix(child.stdout, process.stdout);
  prefix(child.stderr, process.stderr);
  const exited = new Promise<number>((resolve) => {
    child.on('error', (e) => {
      logger.error('demo failed to start', { error: e });
      resolve(1);
    });
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 128 + (os.constants.signals[signal] ?? 0) : 1)));
  });
  return {
    exited,
    stop: () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    },
  };
}

/** Register `meseta local` on `program`. */
export function registerLocalCommand(program: Command): void {
  const command = program
    .command('local')
    .summary('Run a master and agents in one process, for trying Meseta out')
    .description(
      'Run a master and --agents agents in this process, each agent with its own work dir, ' +
        'until Ctrl-C. With --demo, also run the hello-world example framework against it.',
    )
    .option('--agents <count>', 'number of agents', '2')
    .option('--ip <ip>', 'address to listen on (default: 127.0.0.1)')
    .option('--port <port>', 'master port, 0 for any free port; agents take the next free ports (default: 5050)')
    .option('--work-dir <dir>', 'root of the agents\' work dirs (default: a fresh temporary directory)')
    .option('--keep-work-dir', 'do not remove the work dirs on exit')
    .option('--resources <text>', 'resources of each agent (default: cpus:2;mem:2048;disk:8192 and 1000 ports)')
    .option('--containerizers <list>', 'containerizers of each agent (default: posix)')
    .option('--demo', 'run the hello-world example framework once the cluster is up')
    .option('--exit-after-demo', 'with --demo: stop the cluster when the demo ends and exit with its code')
    .option('--insecure', 'plaintext: no CA, certificates or client config (default: TLS with certificates made in the work dir)');
  addMasterTimingOptions(command)
    .option('--log-level <level>', LOG_LEVEL_HELP.replace('else info', 'else warn'))
    .action(async (flags: LocalFlags) => {
      const agentCount = countFlag('--agents', flags.agents, 1);
      const masterOptions = masterOptionsFrom(flags);
      if (flags.resources !== undefined) resourcesFlag('--resources', flags.resources);
      const containerizers = flags.containerizers === undefined ? undefined : containerizersFlag(flags.containerizers);
      const ip = masterOptions.ip ?? '127.0.0.1';
      let stopped = false;
      // Once stopping, the master's warnings about departing agents are expected: drop them.
      const logger = quietWhen(daemonLogger('local', flags.logLevel, 'warn'), () => stopped, true);

      const ownsRoot = flags.workDir === undefined;
      const root = flags.workDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'meseta-local-'));
      let master: RunningMaster | undefined;
      const agents: RunningAgent[] = [];
      let demo: ReturnType<typeof runDemo> | undefined;
      let credentials: LocalCredentials | undefined;
      let configPath: string | undefined;
      let trust: LocalTrust | undefined;
      const stop = async (): Promise<void> => {
        if (stopped) return;
        stopped = true;
        demo?.stop();
        await Promise.allSettled(agents.map((a) => a.stop({ killTasks: true })));
        await master?.stop();
        if (!flags.keepWorkDir && ownsRoot) fs.rmSync(root, { recursive: true, force: true });
        else process.stdout.write(`meseta local: work dirs kept in ${root}\n`);
      };

      try {
        const { startMaster } = await import('../../master/index');
        const { startAgent } = await import('../../agent/index');
        if (!flags.insecure) {
          credentials = await makeLocalCredentials(root, agentCount, ip).catch((e: Error) => {
            throw new CliError(`cannot make the cluster's certificates (or run with --insecure): ${e.message}`);
          });
          trust = writeLocalTrust(root, agentCount, credentials.operatorToken);
        }
        const masterTls = credentials ? daemonMaterial(credentials, credentials.master) : undefined;
        master = await startMaster({
          port: 5050,
          ...masterOptions,
          tls: masterTls?.tls,
          agentSecurity: masterTls?.peerSecurity,
          ...trust?.master(masterTls?.peerSecurity),
          insecure: flags.insecure,
          logger: logger.child('master'),
        });
        process.stdout.write(`meseta master listening on ${master.address}\n`);
        for (let i = 0; i < agentCount; i++) {
          const wanted = masterOptions.port === 0 ? 0 : master.port + 1 + i;
          const port = wanted !== 0 && (await portIsFree(wanted, ip)) ? wanted : 0;
          const workDir = path.join(root, `agent-${i + 1}`);
          fs.mkdirSync(workDir, { recursive: true });
          const agentTls = credentials ? daemonMaterial(credentials, credentials.agents[i]) : undefined;
          const agent = await startAgent({
            tls: agentTls?.tls,
            masterSecurity: agentTls?.peerSecurity,
            ...trust?.agent(i, agentTls?.peerSecurity),
            insecure: flags.insecure,
            master: master.address,
            ip,
            port,
            // One host, loopback only: advertise the address the agent listens on.
            hostname: ip,
            workDir,
            resources: flags.resources ?? defaultLocalResources(i),
            containerizers,
            logger: logger.child(`agent-${i + 1}`),
          });
          agents.push(agent);
          process.stdout.write(`meseta agent listening on ${ip}:${agent.port}\n`);
        }
        for (const agent of agents) process.stdout.write(`meseta agent registered as ${await agent.registered()}\n`);
      } catch (e) {
        await stop().catch(() => undefined);
        if (e instanceof CliError) throw e;
        throw new CliError(startFailureMessage('the local cluster', e));
      }

      const url = `${credentials ? 'https' : 'http'}://${master.address}/`;
      if (credentials) configPath = writeLocalClientConfig(credentials, master.address);
      process.stdout.write(`meseta local: ${agentCount} agent(s) up; master at ${url} (--master ${master.address})\n`);
      if (credentials && configPath) {
        process.stdout.write(`meseta local: TLS with the cluster CA ${credentials.ca.cert}; the CLI and SDK find the master and credentials with:\n`);
        process.stdout.write(`export MESETA_CONFIG=${configPath}\n`);
        if (trust) process.stdout.write(`meseta local: authentication on: credentials (token hashes) and ACLs in ${path.dirname(trust.credentialsFile)}\n`);
      }
      process.stdout.write(`meseta local: agent work dirs under ${root}${ownsRoot && !flags.keepWorkDir ? ' (removed on exit)' : ''}\n`);
      const signalled = stopOnSignal(stop, logger);
      if (flags.demo) {
        try {
          demo = runDemo(master.address, logLevelFrom(flags.logLevel, 'warn'), logger, trust && configPath ? trust.demoConfig(configPath) : configPath);
        } catch (e) {
          await stop();
          throw e;
        }
        const code = await Promise.race([demo.exited, signalled.then(() => undefined)]);
        if (code !== undefined) {
          process.stdout.write(`meseta local: demo exited with code ${code}\n`);
          if (flags.exitAfterDemo) {
            await stop();
            process.exitCode = code;
            return;
          }
        }
      }
      if (!stopped) process.stdout.write('meseta local: press Ctrl-C to stop\n');
      await signalled;
    });
}
