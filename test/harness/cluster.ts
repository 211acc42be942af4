/**
 * A real cluster for integration tests, in one line:
 *
 *   const cluster = await startCluster({ agents: 2, masterFlags: ['--offer-timeout', '5s'] });
 *   ... cluster.masterAddress ...
 *   await cluster.stop();
 *
 * It spawns `node dist/cli/meseta.js master --port 0` and the agents (each
 * with `--port 0` and its own temporary work dir), waits for their
 * `listening` and `registered` lines, keeps their output under
 * `test-artifacts/<test file>/`, and `stop()` ends every process by pid
 * (SIGTERM, SIGKILL after 5 s), including task processes left in the
 * agents' sandboxes, and removes the temporary dirs.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { MesetaProcess, STOP_GRACE_MS, type ProcessExit } from './meseta-process';
import { artifactsDir, requireBuild } from './paths';
import { waitFor } from './wait-for';
import { httpGet } from './operator';

/** Everything about a test cluster that can be changed; all optional. */
export interface ClusterOptions {
  /** Number of agents. @default 2 */
  agents?: number;
  /** Extra `meseta master` flags, e.g. `['--agent-ping-timeout', '1s']`. @default [] */
  masterFlags?: string[];
  /**
   * Extra `meseta agent` flags, for all agents or per agent index (0-based).
   * They come last, so they override the harness's `--resources`, `--hostname 127.0.0.1` and `--port 0`.
   * @default []
   */
  agentFlags?: string[] | ((index: number) => string[]);
  /** Extra environment for every process, e.g. `{ MESETA_LOG_LEVEL: 'debug' }`. @default {} */
  env?: NodeJS.ProcessEnv;
  /** Label of the log folder under `test-artifacts/<test file>/`. @default 'cluster' */
  name?: string;
  /** How long to wait for each process to come up. @default 30000 */
  startTimeoutMs?: number;
  /** Wait for every agent to print `registered` before returning. @default true */
  waitForRegistration?: boolean;
  /**
   * `zk://127.0.0.1:PORT/path` (see test/setup/zookeeper.ts): masters contend
   * in ZooKeeper and agents follow the leader there. @default none (one standalone master)
   */
  zk?: string;
  /** Number of masters; more than one needs `zk`. @default 1 */
  masters?: number;
}

/**
 * Resources each harness agent offers unless its flags say otherwise:
 * fixed (so tests do not depend on the machine) and with a port range of its own.
 */
export function defaultAgentResources(index: number): string {
  const first = 31000 + index * 1000;
  return `cpus:2;mem:2048;disk:8192;ports:[${first}-${first + 999}]`;
}

const LISTENING = (role: string): RegExp => new RegExp(`^meseta ${role} listening on ([^\\s:]+):(\\d+)\\s*$`);
const REGISTERED = /^meseta agent registered as (\S+)\s*$/;

/** Shared by master and agents: a process that can be signalled, stopped and started again. */
abstract class ClusterDaemon {
  // Set by the first launch(); the getters below assume it has happened.
  protected current!: MesetaProcess;
  protected starts = 0;
  /** The port it listens on (kept across restarts). */
  port = 0;

  protected constructor(
    protected readonly label: string,
    protected readonly logDir: string,
    protected readonly env: NodeJS.ProcessEnv,
    protected readonly timeoutMs: number,
  ) {}

  /** The current child process (a new one after {@link restart}). */
  get process(): MesetaProcess['process'] {
    return this.current.process;
  }
  /** Pid of the current process. */
  get pid(): number {
    return this.current.pid;
  }
  /** The current process wrapper: stdout lines, stderr log, waitForLine. */
  get meseta(): MesetaProcess {
    return this.current;
  }
  /** `127.0.0.1:PORT` */
  get address(): string {
    return `127.0.0.1:${this.port}`;
  }
  /** True while the current process runs. */
  get running(): boolean {
    return this.current?.running ?? false;
  }
  /** Send a signal by pid (SIGKILL to simulate a crash, SIGSTOP to freeze it). */
  kill(signal: NodeJS.Signals = 'SIGTERM'): void {
    this.current?.kill(signal);
  }
  /** SIGTERM, then SIGKILL after 5 s; resolves when it has exited (at once if it never started). */
  async stop(graceMs: number = STOP_GRACE_MS): Promise<ProcessExit | undefined> {
    return this.current?.stop(graceMs);
  }
  /** Stop it if it runs, then start it again on the same port (and work dir) and wait until it is up. */
  async restart(): Promise<void> {
    if (this.running) await this.current.stop();
    await this.launch(['--port', String(this.port)]);
  }

  protected spawn(args: string[]): MesetaProcess {
    this.starts++;
    const label = this.starts === 1 ? this.label : `${this.label}.${this.starts}`;
    this.current = new MesetaProcess(args, { label, logDir: this.logDir, env: this.env });
    return this.current;
  }

  /** Start the process with `extra` flags appended and wait until it is up. */
  abstract launch(extra?: string[]): Promise<void>;
}

/** The cluster's master process. */
export class ClusterMaster extends ClusterDaemon {
  constructor(
    private readonly flags: string[],
    logDir: string,
    env: NodeJS.ProcessEnv,
    timeoutMs: number,
    label = 'master',
  ) {
    super(label, logDir, env, timeoutMs);
  }

  /** @inheritdoc */
  async launch(extra: string[] = []): Promise<void> {
    const child = this.spawn(['master', '--ip', '127.0.0.1', '--port', '0', ...this.flags, ...extra]);
    const match = await child.waitForLine(LISTENING('master'), this.timeoutMs, '"meseta master listening on ..."');
    this.port = Number(match[2]);
  }
}

/** One agent process of the cluster. */
export class ClusterAgent extends ClusterDaemon {
  /** The id the master gave it (updated after a restart). */
  agentId = '';

  constructor(
    /** 0-based position in `cluster.agents`. */
    readonly index: number,
    /** Its own work dir (kept across restarts, removed by `cluster.stop()`). */
    readonly workDir: string,
    private readonly masterAddress: () => string,
    private readonly flags: string[],
    private readonly waitForRegistration: boolean,
    logDir: string,
    env: NodeJS.ProcessEnv,
    timeoutMs: number,
  ) {
    super(`agent-${index}`, logDir, env, timeoutMs);
  }

  /** @inheritdoc */
  async launch(extra: string[] = []): Promise<void> {
    const child = this.spawn([
      'agent',
      '--master', this.masterAddress(),
      '--ip', '127.0.0.1',
      '--hostname', '127.0.0.1',
      '--port', '0',
      '--work-dir', this.workDir,
      '--resources', defaultAgentResources(this.index),
      ...this.flags,
      ...extra,
    ]);
    const match = await child.waitForLine(LISTENING('agent'), this.timeoutMs, '"meseta agent listening on ..."');
    this.port = Number(match[2]);
    if (this.waitForRegistration) await this.registered();
  }

  /** Wait for the current process to print `registered as ID`; returns the id. */
  async registered(timeoutMs: number = this.timeoutMs): Promise<string> {
    const match = await this.current.waitForLine(REGISTERED, timeoutMs, '"meseta agent registered as ..."');
    this.agentId = match[1];
    return this.agentId;
  }
}

/** A running test cluster. */
export interface Cluster {
  /** What `--master` takes: `127.0.0.1:PORT` of the master, or the `zk://` URL with several. */
  readonly masterAddress: string;
  readonly masterPort: number;
  /** The first master (the only one unless `masters` was given). */
  readonly master: ClusterMaster;
  /** Every master. */
  readonly masters: ClusterMaster[];
  /** The master that leads now (its /health says ok; the others say standby). */
  leader(): Promise<ClusterMaster | undefined>;
  readonly agents: ClusterAgent[];
  /** Where the processes' stdout/stderr logs are. */
  readonly logDir: string;
  /** Parent of the agents' work dirs. */
  readonly workRoot: string;
  /** Start one more agent (index = agents.length) with extra flags; waits like startCluster. */
  addAgent(flags?: string[]): Promise<ClusterAgent>;
  /** Stop every process (agents, master, leftover tasks) by pid and remove the temporary dirs. Idempotent. */
  stop(): Promise<void>;
}

/** Start a master and agents as real processes and wait until they are up. */
export async function startCluster(options: ClusterOptions = {}): Promise<Cluster> {
  requireBuild();
  const timeoutMs = options.startTimeoutMs ?? 30_000;
  const env = options.env ?? {};
  const logDir = artifactsDir(options.name ?? 'cluster');
  const workRoot = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'meseta-cluster-')));
  fs.chmodSync(workRoot, 0o755); // tasks run as their users (--switch-user) and must reach their sandboxes below it
  const agentFlags = (i: number): string[] =>
    typeof options.agentFlags === 'function' ? options.agentFlags(i) : options.agentFlags ?? [];
  const masterCount = options.masters ?? 1;
  if (masterCount > 1 && !options.zk) throw new Error('startCluster: several masters need options.zk');
  const masterFlags = [...(options.zk ? ['--zk', options.zk] : []), ...(options.masterFlags ?? [])];
  const masters = Array.from({ length: masterCount }, (_, i) => new ClusterMaster(masterFlags, logDir, env, timeoutMs, i === 0 ? 'master' : `master-${i}`));
  const master = masters[0];
  // Agents (and tests) reach the masters through ZooKeeper when there is one.
  const masterSpec = (): string => options.zk ?? master.address;
  const agents: ClusterAgent[] = [];

  const addAgent = async (flags: string[] = agentFlags(agents.length)): Promise<ClusterAgent> => {
    const index = agents.length;
    const workDir = path.join(workRoot, `agent-${index}`);
    fs.mkdirSync(workDir, { recursive: true });
    const agent = new ClusterAgent(
      index, workDir, masterSpec, flags, options.waitForRegistration ?? true, logDir, env, timeoutMs,
    );
    agents.push(agent);
    await agent.launch();
    return agent;
  };

  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      await Promise.all(agents.map((a) => a.stop()));
      await Promise.all(masters.map((m) => m.stop()));
      await killProcessesUnder(workRoot);
      fs.rmSync(workRoot, { recursive: true, force: true });
    })();
    return stopping;
  };

  try {
    for (const m of masters) await m.launch();
    // Agents start one after another: registration order then matches index order.
    for (let i = 0; i < (options.agents ?? 2); i++) await addAgent();
  } catch (e) {
    await stop().catch(() => undefined);
    throw e;
  }

  return {
    get masterAddress() {
      return masterSpec();
    },
    get masterPort() {
      return master.port;
    },
    master,
    masters,
    leader: async () => {
      for (const m of masters) {
        if (!m.running) continue;
        const body = await httpGet(m.address, '/health', 2000).then((r) => r.body, () => '');
        if (body.startsWith('ok')) return m;
      }
      return undefined;
    },
    agents,
    logDir,
    workRoot,
    addAgent,
    stop,
  };
}

/**
 * SIGKILL every process whose working directory is inside `root` (task
 * processes an agent left behind, e.g. after it was SIGKILLed), by pid,
 * until none is left. Linux only (/proc); a no-op elsewhere.
 */
export async function killProcessesUnder(root: string, timeoutMs = 10_000): Promise<number[]> {
  const killed: number[] = [];
  // A process can fork while it is being killed: kill what is there until nothing is left.
  await waitFor(() => {
    const pids = processesUnder(root);
    for (const pid of pids) {
      try {
        process.kill(pid, 'SIGKILL');
        if (!killed.includes(pid)) killed.push(pid);
      } catch {
        // gone already
      }
    }
    return pids.length === 0;
  }, timeoutMs, `no process left under ${root}`);
  return killed;
}

/** Pids of the processes whose working directory is `root` or inside it (Linux /proc; empty elsewhere). */
export function processesUnder(root: string): number[] {
  let entries: string[];
  try {
    entries = fs.readdirSync('/proc');
  } catch {
    return [];
  }
  const prefix = root.endsWith(path.sep) ? root : root + path.sep;
  const out: number[] = [];
  for (const entry of entries) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    try {
      const cwd = fs.readlinkSync(`/proc/${entry}/cwd`);
      if (cwd === root || cwd.startsWith(prefix)) out.push(Number(entry));
    } catch {
      // not ours to read, or gone
    }
  }
  return out;
}

/** Stop a `meseta local` (or any daemon process), then kill what it left under `root` and remove `root`. */
export async function stopAndRemove(daemon: { stop(): Promise<unknown> }, root: string | undefined): Promise<void> {
  await daemon.stop();
  if (root) {
    await killProcessesUnder(root);
    fs.rmSync(root, { recursive: true, force: true });
  }
}
