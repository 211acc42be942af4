/**
 * What the master's modules share: the records, the allocator, the clock,
 * the durable writer and a few helpers every module uses. The `Master`
 * coordinator builds one and hands it to each module.
 */
import type { Allocator } from './allocator/allocator';
import type { Clock } from '@meseta/runtime/clock';
import type { Logger } from '@meseta/runtime/log';
import type { MasterInfo, TaskStatus } from '@meseta/proto/wire';
import { EventType, pb } from '@meseta/proto/wire';
import type { AgentRecord, FrameworkRecord } from './state';
import type { OfferBook } from './offer-book';
import type { MasterMetrics } from './metrics';
import type { ClusterEvents } from './cluster-events';
import type { DurableWrites } from './durable-writes';
import type { ResolvedMasterConfig } from './master-config';
import type { TurnGate } from './turn-slices';

/** The master's shared state and services. */
export interface MasterContext {
  readonly info: MasterInfo;
  readonly config: ResolvedMasterConfig;
  readonly frameworks: Map<string, FrameworkRecord>;
  readonly agents: Map<string, AgentRecord>;
  readonly offerBook: OfferBook;
  readonly allocator: Allocator;
  readonly clock: Clock;
  readonly log: Logger;
  readonly metrics: MasterMetrics;
  readonly events: ClusterEvents;
  readonly durable: DurableWrites;
  /** The turns every deferrable job's slices run in, one budget per turn for all of them. */
  readonly turnGate: TurnGate;
  /** Ask for an allocation pass soon (coalesced). */
  scheduleAllocation(): void;
}

/** True when the framework handles TASK_UNREACHABLE / TASK_GONE / TASK_DROPPED itself. */
export function isPartitionAware(fw: FrameworkRecord): boolean {
  return (fw.info.capabilities ?? []).some((c) => c.type === pb.FrameworkInfo.Capability.Type.PARTITION_AWARE);
}

/** Send one status update on the framework's stream (dropped while it is disconnected). */
export function sendToFramework(fw: FrameworkRecord, status: TaskStatus): void {
  fw.sink?.send({ type: EventType.UPDATE, update: { status } });
}
