/**
 * Master counters and gauges, rendered as Prometheus text at /metrics and
 * as a snapshot in the Operator API.
 */

import type { MetricSample } from '@meseta/runtime/prometheus-text';

/** How a Scheduler API call reached the master over gRPC: in a `Calls` stream's batch, or as one unary call. */
export type SchedulerCallTransport = 'stream' | 'unary';

/** Counters the master increments as things happen. */
export class MasterMetrics {
  frameworksSubscribed = 0;
  agentsRegistered = 0;
  agentsUnreachable = 0;
  agentChanges = 0;
  tasksLaunched = 0;
  tasksRefused = 0;
  tasksFinished = 0;
  tasksFailed = 0;
  tasksKilled = 0;
  tasksLost = 0;
  /** Tasks that reached each terminal state (`TASK_FINISHED`, `TASK_LOST`, `TASK_GONE`, …), by state name. */
  readonly tasksEnded = new Map<string, number>();
  statusUpdates = 0;
  acknowledgements = 0;
  offersSent = 0;
  offersDeclined = 0;
  offersRescinded = 0;
  allocationRuns = 0;
  lastAllocationSeconds = 0;
  readonly calls = new Map<string, number>();
  /** Scheduler API calls received over gRPC, by transport (before any check: refused calls count too). */
  readonly schedulerCallsReceived: Record<SchedulerCallTransport, number> = { stream: 0, unary: 0 };
  /**
   * Agent records a registration looked at to find agents it replaces (not
   * rendered; tests check it stays flat as the cluster grows).
   */
  registrationAgentVisits = 0;
  /** Registrations without an id answered with the id of an earlier, abandoned attempt from the same address. */
  registrationRetriesMatched = 0;
  /** `register`s resent on a link whose first `register` was still being admitted (ignored). */
  registerResendsIgnored = 0;
  /** Re-registrations of agents the registry already held, admitted and unchanged: answered without a registry write. */
  reregistrationsWithoutWrite = 0;
  /** Health checks that found the master's own loop had stalled (and looked again after reading). */
  healthChecksAfterStall = 0;

  /** Count a task that reached the terminal state `state` (its name). */
  countEnded(state: string): void {
    this.tasksEnded.set(state, (this.tasksEnded.get(state) ?? 0) + 1);
  }

  /** Count one Scheduler API call of this type. */
  countCall(type: string): void {
    this.calls.set(type, (this.calls.get(type) ?? 0) + 1);
  }

  /** Count `n` Scheduler API calls received over `transport` (a `Calls` batch counts its calls). */
  countSchedulerCallsReceived(transport: SchedulerCallTransport, n = 1): void {
    this.schedulerCallsReceived[transport] += n;
  }
}

/** `meseta_master_scheduler_calls_received_total`, one sample per transport (both always present). */
export function schedulerCallsReceivedSamples(m: MasterMetrics): MetricSample[] {
  return (['stream', 'unary'] as const).map((transport) => ({
    name: 'meseta_master_scheduler_calls_received_total',
    value: m.schedulerCallsReceived[transport],
    help: 'Scheduler API calls received over gRPC, by transport: in a Calls stream batch, or one unary call each',
    type: 'counter' as const,
    labels: { transport },
  }));
}

export { type MetricSample, renderPrometheus } from '@meseta/runtime/prometheus-text';
