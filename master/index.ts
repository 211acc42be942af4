/**
 * Start a Meseta master: the gRPC APIs and HTTP endpoints on one port.
 *
 * ```ts
 * const master = await startMaster({ port: 5050 });
 * // ... later
 * await master.stop();
 * ```
 */
import * as os from 'node:os';
import { Server } from '@grpc/grpc-js';
import { AgentLinkService, CHANNEL_OPTIONS, OperatorService, SchedulerService } from '../proto/src/services';
import { listenDual } from '../proto/src/serve';
import { createLogger, type Logger } from '../proto/src/log';
import { newId } from '../proto/src/ids';
import type { Allocator } from './allocator/allocator';
import { HierarchicalAllocator } from './allocator/hierarchical-allocator';
import { Master } from './master';
import { systemClock, type Clock } from './clock';
import { schedulerApi } from './scheduler-api';
import { agentApi } from './agent-api';
import { operatorApi } from './operator-api';
import { masterHttpHandler } from './http';
import { MESETA_VERSION } from './version';

export { Master } from './master';

/** Options of {@link startMaster}. */
export interface MasterOptions {
  /** Address to bind. @default '127.0.0.1' */
  ip?: string;
  /** Port to bind; 0 picks a free one. @default 5050 */
  port?: number;
  /** Hostname to advertise. @default the ip */
  hostname?: string;
  /** Seconds an offer stays outstanding before it is rescinded; 0 = never. @default 60 */
  offerTimeoutSeconds?: number;
  /** Seconds between heartbeats to agents. @default 15 */
  agentPingTimeoutSeconds?: number;
  /** Missed heartbeats before an agent is marked unreachable. @default 5 */
  maxAgentPingTimeouts?: number;
  /** Seconds an unreachable agent is kept before it is gone (TASK_GONE). @default 600 */
  agentRemovalTimeoutSeconds?: number;
  /** Seconds between HEARTBEAT events to frameworks. @default 15 */
  frameworkHeartbeatSeconds?: number;
  /** Seconds between periodic allocation passes. @default 1 */
  allocationIntervalSeconds?: number;
  logger?: Logger;
  /** Replace the allocator (tests). @default HierarchicalAllocator (DRF) */
  allocator?: Allocator;
  /** Replace the clock (tests). */
  clock?: Clock;
}

/** A running master. */
export interface RunningMaster {
  readonly port: number;
  /** `ip:port` */
  readonly address: string;
  readonly master: Master;
  /** Close the port and every stream. */
  stop(): Promise<void>;
}

/** Start a master and resolve once it listens. */
export async function startMaster(options: MasterOptions = {}): Promise<RunningMaster> {
  const ip = options.ip ?? '127.0.0.1';
  const log = options.logger ?? createLogger('master');
  const server = new Server(CHANNEL_OPTIONS);
  const clock = options.clock ?? systemClock;
  let master: Master | undefined;
  const lazy = <T>(fn: (m: Master) => T): T => fn(master!);
  // The port is known only after binding, so the master is built first with
  // a placeholder and its info completed right after.
  const info = { id: newId(), hostname: options.hostname ?? ip, port: options.port ?? 5050, version: MESETA_VERSION, address: { ip, port: options.port ?? 5050, hostname: options.hostname ?? ip } };
  master = new Master(
    info,
    {
      offerTimeoutSeconds: options.offerTimeoutSeconds ?? 60,
      agentPingTimeoutSeconds: options.agentPingTimeoutSeconds ?? 15,
      maxAgentPingTimeouts: options.maxAgentPingTimeouts ?? 5,
      agentRemovalTimeoutSeconds: options.agentRemovalTimeoutSeconds ?? 600,
      frameworkHeartbeatSeconds: options.frameworkHeartbeatSeconds ?? 15,
      allocationIntervalSeconds: options.allocationIntervalSeconds ?? 1,
      maxCompletedTasksPerFramework: 1000,
      maxStatusesPerTask: 20,
    },
    options.allocator ?? new HierarchicalAllocator({ clock: () => clock.now() }),
    clock,
    log,
  );
  server.addService(SchedulerService, schedulerApi(master, log.child('scheduler-api')));
  server.addService(AgentLinkService, agentApi(master, log.child('agent-api')));
  server.addService(OperatorService, operatorApi(master));
  const dual = await listenDual({ host: ip, port: options.port ?? 5050, grpc: server, onHttpRequest: lazy((m) => masterHttpHandler(m, log.child('http'))) });
  info.port = dual.port;
  info.address.port = dual.port;
  master.start();
  log.info('master started', { address: `${ip}:${dual.port}`, hostname: os.hostname(), version: MESETA_VERSION });
  return {
    port: dual.port,
    address: `${ip}:${dual.port}`,
    master,
    stop: async () => {
      master!.stop();
      await dual.close();
    },
  };
}
