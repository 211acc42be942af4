/**
 * The services framework as one running thing: its state (file or
 * ZooKeeper), its scheduler connected to the master with the framework id
 * kept in that state, its HTTP API and its autoscaler. The CLI's `serve`
 * and the tests start it with {@link startServicesFramework}.
 */
import { createLogger, type Logger } from '../../proto/src/log';
import { type Clock, systemClock } from '../common/clock';
import { frameworkDriver } from '../common/framework-connection';
import { listenHttp } from '../common/http-server';
import { PersistedState } from '../common/persisted-state';
import type { StateStore } from '../common/state-store';
import { AutoscaleLoop } from './autoscale-loop';
import { fetchLargestAgent } from './cluster-capacity';
import { servicesRouter } from './http-api';
import { ServicesScheduler } from './scheduler';
import { ServicesApi } from './services-api';
import { emptyServicesState, type ServicesState } from './services-state';

/** How to start the services framework. */
export interface ServicesFrameworkOptions {
  /** Master host:port. */
  master: string;
  /** Where the state lives. */
  store: StateStore;
  /** HTTP API port on 127.0.0.1 (0 picks one). @default 0 */
  port?: number;
  /** @default 'meseta-services' */
  name?: string;
  /** Seconds the master keeps tasks while the framework is away. @default 604800 (a week) */
  failoverTimeoutSeconds?: number;
  /** Seconds an offer is refused while instances are wanted. @default 2 */
  offerRefuseSeconds?: number;
  /** An instance without health check that runs this long resets back-off (ms). @default 5000 */
  stableAfterMs?: number;
  clock?: Clock;
  logger?: Logger;
  /** Wait until subscribed before resolving. @default true */
  waitForSubscription?: boolean;
}

/** A running services framework. */
export interface RunningServicesFramework {
  readonly url: string;
  readonly port: number;
  readonly api: ServicesApi;
  readonly scheduler: ServicesScheduler;
  frameworkId(): string | undefined;
  /** Leave the master keeping the tasks (failover); close everything. */
  stop(): Promise<void>;
  /** Kill every task and remove the framework from the master. */
  teardown(): Promise<void>;
}

/** Start it. */
export async function startServicesFramework(options: ServicesFrameworkOptions): Promise<RunningServicesFramework> {
  const logger = options.logger ?? createLogger('services');
  const clock = options.clock ?? systemClock;
  const state = await PersistedState.load<ServicesState>(options.store, emptyServicesState);
  let url = '';
  const scheduler = new ServicesScheduler({
    state,
    clock,
    logger: logger.child('scheduler'),
    frameworkUrl: () => url,
    offerRefuseSeconds: options.offerRefuseSeconds,
    stableAfterMs: options.stableAfterMs,
  });
  const api = new ServicesApi(scheduler, () => fetchLargestAgent(options.master));
  const driver = frameworkDriver({
    master: options.master,
    name: options.name ?? 'meseta-services',
    frameworkId: state.value.frameworkId,
    failoverTimeoutSeconds: options.failoverTimeoutSeconds ?? 7 * 24 * 3600,
    handlers: scheduler.handlers(),
    logger,
  });
  const router = servicesRouter(api, scheduler.deployments, () => ({ subscribed: driver.isSubscribed, frameworkId: driver.frameworkId ?? null }));
  const server = await listenHttp(router.listener(logger.child('http')), options.port ?? 0);
  url = server.url;
  scheduler.attach(driver);
  const autoscaler = new AutoscaleLoop(scheduler, api, clock, logger.child('autoscaler'));
  autoscaler.start();
  logger.info('services framework started', { url, state: state.location, resuming: state.value.frameworkId ?? null });
  const started = driver.start();
  if (options.waitForSubscription ?? true) await started;
  else started.catch((e: Error) => logger.error('could not subscribe', { error: e.message }));

  let stopping: Promise<void> | undefined;
  const close = async (how: 'stop' | 'teardown'): Promise<void> => {
    autoscaler.stop();
    scheduler.stop();
    if (how === 'teardown') await driver.teardown().catch(() => undefined);
    else await driver.stop();
    await server.close();
    await state.settle();
    await options.store.close();
  };
  return {
    url,
    port: server.port,
    api,
    scheduler,
    frameworkId: () => driver.frameworkId,
    stop: () => (stopping ??= close('stop')),
    teardown: () => (stopping ??= close('teardown')),
  };
}
