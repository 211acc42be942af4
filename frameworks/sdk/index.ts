/**
 * The Meseta framework SDK: a scheduler driver speaking the Scheduler API
 * to a master, and pure helpers to match tasks against offers.
 *
 * ```ts
 * import { SchedulerDriver, firstFit } from '@meseta/sdk';
 * ```
 */
export { SchedulerDriver, HEARTBEAT_TIMEOUT_INTERVALS } from './driver';
export {
  DEFAULT_CAPABILITIES,
  DEFAULT_MASTER,
  DEFAULT_RECONNECT,
  compileFrameworkInfo,
  type FailureInfo,
  type FrameworkCapability,
  type FrameworkMessage,
  type FrameworkOptions,
  type HandlerResult,
  type InverseOffer,
  type ReconnectOptions,
  type SchedulerDriverOptions,
  type SchedulerHandlers,
  type SubscribedInfo,
} from './options';
export {
  callTypeName,
  compileAccept,
  compileAcknowledge,
  compileDecline,
  compileFilters,
  compileInverseOfferAnswer,
  compileKill,
  compileLaunch,
  compileLaunchGroup,
  compileMessage,
  compileReconcile,
  compileReconcileOperations,
  compileAcknowledgeOperationStatus,
  compileRevive,
  compileSubscribe,
  compileSuppress,
  compileTeardown,
  stampCall,
  type CallerIdentity,
  type DeclineOptions,
  type FilterOptions,
  type ReconcileTask,
  type ReconcileOperation,
} from './calls';
export {
  GrpcStatus,
  SchedulerCallError,
  SchedulerTransportError,
  statusName,
  type SchedulerEventStream,
  type SchedulerTransportLike,
} from './transport';
export { GrpcSchedulerTransport, type GrpcSchedulerTransportOptions } from './grpc-transport';
export { LeaderFollowingTransport, leaderHint } from './leader-transport';
export { InMemorySchedulerTransport, type FakeStream, type FakeSubscribedOptions } from './in-memory-transport';
export {
  OfferLedger,
  RefusalCode,
  compileTask,
  firstFit,
  fits,
  portsOf,
  refusalsAgainst,
  remaining,
  resourcesOf,
  taskInfo,
  type FirstFitPlan,
  type Placement,
  type ResourceSource,
  type ResourceSpec,
  type TakeResult,
  type TaskSpec,
  type Unplaced,
} from './offer-matching';
export { secretFileVolume, secretVariable } from './task-info';
export { compileDiscovery, dnsLabelProblem, type DiscoveryPortSpec, type DiscoverySpec, type DiscoveryVisibility } from './discovery-info';
export { ServiceWatch, WatchRefused, watchService, type WatchServiceOptions } from './service-watch';
export { EndpointSet, RoundRobin, addressOf, type HostPort, type ServiceEndpoint, type ServicePort, type WatchMessage } from './endpoint-set';
export { SseParser, type SseEvent } from './sse-parser';
export { backoffDelayMs } from './backoff';
export { dockerContainer, podContainer, tarballContainer, type ContainerNetwork, type ContainerOptions, type ContainerVolume } from './containers';
export type {
  ExecutorInfo,
  InsufficientResource,
  Offer,
  Operation,
  Resource,
  TaskInfo,
  TaskStatus,
} from '@meseta/proto/wire';
export { TaskState } from '@meseta/proto/wire';
export { isTerminal } from '@meseta/proto/task-state';
