/** Message types the master's records use, re-exported from the contract. */
import type { v1 } from '@meseta/proto/wire';

export type {
  AgentInfo, Event, FrameworkInfo, Offer, Resource, Task, TaskStatus,
} from '@meseta/proto/wire';

/** A decline remembered for the UI: which offer, when, and why. */
export type DeclineRecordLike = v1.IDeclineRecord;

/** A fragment of a MasterToAgent message; fragments of one tick are merged. */
export type MasterToAgentPart = v1.IMasterToAgent;
