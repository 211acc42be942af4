/**
 * What every framework process does the same way: connect its scheduler
 * driver with the framework id kept in its state (so a restart fails over
 * to the same framework and its tasks keep running), and pick the state
 * store its flags ask for.
 */
import type { Logger } from '@meseta/runtime/log';
import { SchedulerDriver, type SchedulerHandlers } from '@meseta/sdk';
import { FileStateStore, type StateStore } from './state-store';
import { ZooKeeperStateStore } from './zookeeper-store';

/** How a framework connects. */
export interface FrameworkConnectionOptions {
  master: string;
  name: string;
  /** The id kept from an earlier run, if any. */
  frameworkId?: string;
  /** How long the master keeps the tasks while the framework is away. */
  failoverTimeoutSeconds: number;
  webuiUrl?: string;
  /** The role to receive offers for. @default '*' */
  role?: string;
  /** The principal the framework announces (reservations carry it). @default none */
  principal?: string;
  handlers: SchedulerHandlers;
  logger: Logger;
}

/** A driver for the framework, resuming `frameworkId` when set. */
export function frameworkDriver(options: FrameworkConnectionOptions): SchedulerDriver {
  return new SchedulerDriver({
    master: options.master,
    framework: {
      name: options.name,
      id: options.frameworkId,
      failoverTimeoutSeconds: options.failoverTimeoutSeconds,
      checkpoint: true,
      ...(options.webuiUrl ? { webuiUrl: options.webuiUrl } : {}),
      ...(options.role && options.role !== '*' ? { roles: [options.role] } : {}),
      ...(options.principal ? { principal: options.principal } : {}),
    },
    handlers: options.handlers,
    logger: options.logger.child('driver'),
    reconnect: { initialMs: 250, maxMs: 5000 },
  });
}

/**
 * The store for `--state-file` / `--zk`: ZooKeeper when `zk` is given
 * (`zk://host:port[,host:port]/path`), else the file.
 */
export function stateStoreFor(options: { stateFile: string; zk?: string; logger: Logger }): StateStore {
  if (options.zk) return ZooKeeperStateStore.fromUrl(options.zk, options.logger);
  return new FileStateStore(options.stateFile);
}
