/**
 * The generated protobuf code, loaded once with 64-bit integers read as
 * plain JavaScript numbers, and short type names for the message shapes.
 *
 * Everything in Meseta imports messages from here, never from `../gen`
 * directly, so the number configuration is always applied first.
 */
import * as protobuf from 'protobufjs/minimal';

// Ranges (ports) and durations are uint64/int64 on the wire; every value we
// use fits in a double, so decode them as numbers rather than Long objects.
(protobuf.util as { Long?: unknown }).Long = undefined;
protobuf.configure();

// eslint-disable-next-line @typescript-eslint/no-require-imports
import { meseta } from '../gen/meseta';

/** The generated message classes (encode/decode/toObject). */
export const pb = meseta.v1;
/** Namespace alias for type positions: `v1.TaskState`, `v1.Call.Type`. */
export import v1 = meseta.v1;

export type FrameworkID = v1.IFrameworkID;
export type OfferID = v1.IOfferID;
export type AgentID = v1.IAgentID;
export type TaskID = v1.ITaskID;
export type ExecutorID = v1.IExecutorID;
export type Value = v1.IValue;
export type Range = v1.Value.IRange;
export type Resource = v1.IResource;
export type Attribute = v1.IAttribute;
export type Label = v1.ILabel;
export type Labels = v1.ILabels;
/** How a task is found (Mesos DiscoveryInfo). */
export type DiscoveryInfo = v1.IDiscoveryInfo;
/** A named port of a task, for discovery. */
export type DiscoveryPort = v1.IPort;
export type CommandInfo = v1.ICommandInfo;
export type ContainerInfo = v1.IContainerInfo;
export type HealthCheck = v1.IHealthCheck;
export type KillPolicy = v1.IKillPolicy;
export type ExecutorInfo = v1.IExecutorInfo;
export type TaskInfo = v1.ITaskInfo;
export type TaskGroupInfo = v1.ITaskGroupInfo;
export type TaskStatus = v1.ITaskStatus;
export type Filters = v1.IFilters;
export type InsufficientResource = v1.IInsufficientResource;
export type FrameworkInfo = v1.IFrameworkInfo;
export type MasterInfo = v1.IMasterInfo;
export type AgentInfo = v1.IAgentInfo;
export type Address = v1.IAddress;
export type Offer = v1.IOffer;
export type Operation = v1.Offer.IOperation;
/** The status of an operation a framework named (`Offer.Operation.id`), Mesos's operation feedback. */
export type OperationStatus = v1.IOperationStatus;
export type Task = v1.ITask;
export type Call = v1.ICall;
export type Event = v1.IEvent;
export type EventBatch = v1.IEventBatch;
/** A batch of calls on the Scheduler's Calls stream, each with its id. */
export type CallBatch = v1.ICallBatch;
export type StreamedCall = v1.IStreamedCall;
/** A batch of answers on the Scheduler's Calls stream, each naming its call's id. */
export type CallAnswerBatch = v1.ICallAnswerBatch;
export type CallAnswer = v1.ICallAnswer;
export type StatusUpdate = v1.IStatusUpdate;
export type AgentToMaster = v1.IAgentToMaster;
export type MasterToAgent = v1.IMasterToAgent;
export type OperatorCall = v1.IOperatorCall;
export type OperatorResponse = v1.IOperatorResponse;
export type ClusterState = v1.IClusterState;
export type AgentState = v1.IAgentState;
export type FrameworkState = v1.IFrameworkState;

export const TaskState = pb.TaskState;
export type TaskState = v1.TaskState;
export const Reason = pb.TaskStatus.Reason;
export type Reason = v1.TaskStatus.Reason;
export const Source = pb.TaskStatus.Source;
export const CallType = pb.Call.Type;
export const EventType = pb.Event.Type;
export const OperationType = pb.Offer.Operation.Type;
export const OperationState = pb.OperationState;
export const ValueType = pb.Value.Type;

/** The name of an enum value (`TASK_RUNNING`), or the number if unknown. */
export function enumName(e: Record<string, string | number>, value: number | null | undefined): string {
  if (value === null || value === undefined) return '';
  const name = (e as Record<number, string>)[value];
  return name ?? String(value);
}

/** Options that turn a decoded message into Mesos-style JSON. */
export const JSON_OPTIONS = { enums: String, longs: Number, bytes: String, defaults: false, arrays: false } as const;
