/**
 * A framework as one running thing, the same way for every framework: its
 * state loaded from its store, its scheduler driver connected with the
 * framework id kept in that state (so a restart fails over to the same
 * framework), its HTTP API listening on 127.0.0.1, and an orderly stop
 * (failover: the master keeps the tasks) or teardown (every task killed).
 * Each framework supplies what is its own through {@link FrameworkParts}.
 */
import { createLogger, type Logger } from '@meseta/runtime/log';
import type { SchedulerDriver, SchedulerHandlers } from '@meseta/sdk';
import { type Clock, systemClock } from '@meseta/runtime/clock';
import { frameworkDriver } from './framework-connection';
import { type JsonRouter, listenHttp } from './http-server';
import { PersistedState } from './persisted-state';
import type { StateStore } from './state-store';

/** How to start a framework: what every framework takes. */
export interface FrameworkOptions {
  /** Master host:port. */
  master: string;
  /** Where the state lives. */
  store: StateStore;
  /** HTTP API port on 127.0.0.1 (0 picks one). @default 0 */
  port?: number;
  /** Framework name. @default the framework's own, e.g. 'meseta-jobs' */
  name?: string;
  /** Seconds the master keeps tasks while the framework is away. @default 604800 (a week) */
  failoverTimeoutSeconds?: number;
  clock?: Clock;
  logger?: Logger;
  /** Wait until subscribed before resolving. @default true */
  waitForSubscription?: boolean;
  /** The role the framework receives offers for. @default '*' */
  role?: string;
  /** The principal the framework announces. @default none */
  principal?: string;
}

/** Which framework this is. */
export interface FrameworkKind<S> {
  /** Logger component and the word in its log lines, e.g. 'jobs'. */
  component: string;
  /** Framework name when the options give none, e.g. 'meseta-jobs'. */
  defaultName: string;
  /** The state of a framework that has never run. */
  emptyState(): S;
}

/** What a framework builds on its loaded state (see {@link startFramework}). */
export interface FrameworkContext<S> {
  state: PersistedState<S>;
  clock: Clock;
  logger: Logger;
  /** The framework's own HTTP API address; known once it listens (empty before). */
  frameworkUrl(): string;
}

/** The framework's own pieces, driven by {@link startFramework}. */
export interface FrameworkParts {
  /** The driver's handlers. */
  handlers: SchedulerHandlers;
  /** The HTTP API; `health` tells whether the driver is subscribed, and as which framework. */
  router(health: () => { subscribed: boolean; frameworkId: string | null }): JsonRouter;
  /** Connect the driver and start the loops; called once the API listens, before subscribing. */
  attach(driver: SchedulerDriver): void;
  /** Stop the loops; called first when the framework stops. */
  stop(): void;
}

/** A running framework. */
export interface RunningFramework {
  /** Its HTTP API, http://127.0.0.1:PORT. */
  readonly url: string;
  readonly port: number;
  /** The id the master gave (or the one resumed), once subscribed. */
  frameworkId(): string | undefined;
  /** Close everything; the master keeps the tasks for the failover timeout. */
  stop(): Promise<void>;
  /** Kill every task and remove the framework from the master; close everything. */
  teardown(): Promise<void>;
}

/**
 * Load the state, build the framework's parts on it, listen, attach the
 * driver and subscribe (resuming the framework id in the state).
 * @returns the running framework and the parts `build` returned.
 */
export async function startFramework<S extends { frameworkId?: string }, P extends FrameworkParts>(
  options: FrameworkOptions,
  kind: FrameworkKind<S>,
  build: (context: FrameworkContext<S>) => P,
): Promise<{ framework: RunningFramework; parts: P }> {
  const logger = options.logger ?? createLogger(kind.component);
  const clock = options.clock ?? systemClock;
  const state = await PersistedState.load<S>(options.store, kind.emptyState);
  let url = '';
  const parts = build({ state, clock, logger, frameworkUrl: () => url });
  let connected: SchedulerDriver | undefined;
  const router = parts.router(() => ({ subscribed: connected?.isSubscribed ?? false, frameworkId: connected?.frameworkId ?? null }));
  const server = await listenHttp(router.listener(logger.child('http')), options.port ?? 0);
  url = server.url;
  // The API's address is the framework's webui_url: the master's web UI reads it through its proxy.
  const driver = frameworkDriver({
    master: options.master,
    name: options.name ?? kind.defaultName,
    frameworkId: state.value.frameworkId,
    failoverTimeoutSeconds: options.failoverTimeoutSeconds ?? 7 * 24 * 3600,
    webuiUrl: url,
    ...(options.role ? { role: options.role } : {}),
    ...(options.principal ? { principal: options.principal } : {}),
    handlers: parts.handlers,
    logger,
  });
  connected = driver;
  parts.attach(driver);
  logger.info(`${kind.component} framework started`, { url, state: state.location, resuming: state.value.frameworkId ?? null });
  const started = driver.start();
  if (options.waitForSubscription ?? true) await started;
  else started.catch((e: Error) => logger.error('could not subscribe', { error: e.message }));

  let stopping: Promise<void> | undefined;
  const close = async (how: 'stop' | 'teardown'): Promise<void> => {
    parts.stop();
    if (how === 'teardown') await driver.teardown().catch(() => undefined);
    else await driver.stop();
    await server.close();
    await state.settle();
    await options.store.close();
  };
  const framework: RunningFramework = {
    url,
    port: server.port,
    frameworkId: () => driver.frameworkId,
    stop: () => (stopping ??= close('stop')),
    teardown: () => (stopping ??= close('teardown')),
  };
  return { framework, parts };
}
