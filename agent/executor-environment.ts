/**
 * The environment the agent gives a custom executor, as Mesos gives it to
 * executors of its v1 HTTP API: where the agent is (`MESOS_AGENT_ENDPOINT`),
 * who the executor is, its sandbox, how long it may wait for a restarted
 * agent, and the secret it authenticates its calls with. Pure.
 */

/** What the agent knows when it starts an executor. */
export interface ExecutorEnvironmentInput {
  /** `ip:port` of the agent's port (the executor API is `POST http://<endpoint>/api/v1/executor`). */
  agentEndpoint: string;
  frameworkId: string;
  executorId: string;
  agentId?: string;
  containerId: string;
  /** The executor's sandbox (absolute). */
  sandboxDir: string;
  /** The framework asked for checkpointing (`FrameworkInfo.checkpoint`). */
  checkpoint: boolean;
  /** How long a checkpointing executor waits for its agent to come back. */
  recoveryTimeoutMs: number;
  /** The longest pause between two SUBSCRIBE attempts. */
  subscriptionBackoffMaxMs: number;
  /** How long the executor has to exit after SHUTDOWN. */
  shutdownGraceMs: number;
  /** The per-executor secret; the executor sends it as `Authorization: Bearer <token>`. */
  token: string;
}

/**
 * A duration as Mesos prints one (stout's `Duration`): the largest unit
 * that keeps the value a whole number, e.g. `15mins`, `2secs`, `500ms`.
 */
export function mesosDuration(ms: number): string {
  const value = Math.max(0, Math.round(ms));
  const units: Array<[number, string]> = [
    [7 * 24 * 3600_000, 'weeks'],
    [24 * 3600_000, 'days'],
    [3600_000, 'hrs'],
    [60_000, 'mins'],
    [1000, 'secs'],
  ];
  for (const [size, name] of units) if (value >= size && value % size === 0) return `${value / size}${name}`;
  return `${value}ms`;
}

/** The variables, Mesos's names first and our `MESETA_` spellings beside the ids. */
export function executorEnvironment(input: ExecutorEnvironmentInput): Record<string, string> {
  const env: Record<string, string> = {
    MESOS_AGENT_ENDPOINT: input.agentEndpoint,
    MESOS_FRAMEWORK_ID: input.frameworkId,
    MESOS_EXECUTOR_ID: input.executorId,
    MESOS_DIRECTORY: input.sandboxDir,
    MESOS_SANDBOX: input.sandboxDir,
    MESOS_CHECKPOINT: input.checkpoint ? '1' : '0',
    MESOS_RECOVERY_TIMEOUT: mesosDuration(input.recoveryTimeoutMs),
    MESOS_SUBSCRIPTION_BACKOFF_MAX: mesosDuration(input.subscriptionBackoffMaxMs),
    MESOS_EXECUTOR_SHUTDOWN_GRACE_PERIOD: mesosDuration(input.shutdownGraceMs),
    MESOS_EXECUTOR_AUTHENTICATION_TOKEN: input.token,
    MESOS_HTTP_COMMAND_EXECUTOR: '0',
    MESOS_CONTAINER_ID: input.containerId,
    MESETA_FRAMEWORK_ID: input.frameworkId,
    MESETA_EXECUTOR_ID: input.executorId,
    MESETA_SANDBOX: input.sandboxDir,
    MESETA_CONTAINER_ID: input.containerId,
  };
  if (input.agentId) {
    env.MESOS_AGENT_ID = input.agentId;
    env.MESOS_SLAVE_ID = input.agentId; // the name executors written for Mesos < 1.0 read
    env.MESETA_AGENT_ID = input.agentId;
  }
  return env;
}
