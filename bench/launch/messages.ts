/**
 * What the launch bench (bench/launch-throughput.bench.ts) and its child
 * processes say to each other over the IPC channel: framework processes
 * (bench/launch/framework-process.ts) and agent swarms
 * (bench/launch/agent-swarm-process.ts). Times are
 * `performance.timeOrigin + performance.now()` in ms, which processes on one
 * machine share.
 */

/** Where a child finds its credentials: PEM and token files, read by the child. */
export interface SecurityFiles {
  /** CA certificate that signed the master's certificate; TLS when set. */
  caFile: string;
  /** Bearer token file (the token alone). */
  tokenFile: string;
}

/** One framework a framework process runs in a round. */
export interface FrameworkSpec {
  name: string;
  /** Token file of its principal (secure master only). */
  security?: SecurityFiles;
}

/** Parent → framework process: subscribe these frameworks and collect their offers. */
export interface SubscribeMessage {
  type: 'subscribe';
  master: string;
  frameworks: FrameworkSpec[];
  /** Only offers of agents whose hostname starts with this are kept. */
  hostPrefix: string;
  /** Offers each framework keeps at most; it declines the rest (and other agents' offers) so the others get them. */
  keep: number;
  /** false: the drivers send unary calls instead of the `Calls` stream (the SDK's default). */
  callStream?: boolean;
}

/** Parent → framework process: at time `at`, ACCEPT `offers[i]` offers of framework i, `perAccept` tasks each. */
export interface GoMessage {
  type: 'go';
  at: number;
  offers: number[];
  perAccept: number;
  command: string;
  /** Prefix of the task ids (unique per round and mode). */
  taskPrefix: string;
}

/** Parent → child. */
export type ToFrameworkProcess = SubscribeMessage | GoMessage | { type: 'teardown' } | { type: 'exit' };

/** Framework process → parent: offers held now, per framework of the round. */
export interface HeldMessage {
  type: 'held';
  offers: number[];
  /** Frameworks subscribed so far. */
  subscribed: number;
}

/** Framework process → parent: every task it launched is running. */
export interface DoneMessage {
  type: 'done';
  /** When its first ACCEPT was sent. */
  firstAcceptAt: number;
  /** When its last TASK_RUNNING arrived. */
  lastRunningAt: number;
  /** Tasks that reached TASK_RUNNING (those of failed ACCEPTs not counted). */
  tasks: number;
  /** ACCEPT calls that failed (their tasks are left out), and the first one's error. */
  failedAccepts: number;
  firstFailure?: string;
  /**
   * Tasks the master refused (TASK_DROPPED, TASK_ERROR: e.g. an offer
   * rescinded by its timeout while a loaded machine delayed the RESCIND),
   * left out of `tasks`, and the first refusal's message.
   */
  refusedTasks?: number;
  firstRefusal?: string;
}

/** Framework process → parent. */
export type FromFrameworkProcess =
  | { type: 'ready' }
  | HeldMessage
  | DoneMessage
  | { type: 'torn-down' }
  | { type: 'failed'; message: string };

/** Parent → agent swarm: start `count` simulated agents named `${hostPrefix}${first + i}`. */
export interface SwarmStartMessage {
  type: 'start';
  master: string;
  hostPrefix: string;
  first: number;
  count: number;
  /** Offered resources, in the agent flag's text form. */
  resources: string;
  /** TLS and the agents' token (secure master only). */
  security?: SecurityFiles;
}

/** Agent swarm → parent, every 250 ms. */
export interface SwarmReportMessage {
  type: 'report';
  /** Agents registered now. */
  registered: number;
  /** Launches answered with TASK_RUNNING, all time. */
  launched: number;
  /** `error` answers from the master (refusals). */
  refused: number;
  /** The last refusal's text. */
  lastRefusal?: string;
}

/** Now, in ms, comparable across the bench's processes. */
export function nowMs(): number {
  return performance.timeOrigin + performance.now();
}
