/**
 * The services framework as one running thing: its state (file or
 * ZooKeeper), its scheduler connected to the master with the framework id
 * kept in that state, its HTTP API and its autoscaler. The CLI's `serve`
 * and the tests start it with {@link startServicesFramework}.
 */
import { type FrameworkOptions, type RunningFramework, startFramework } from '../common/running-framework';
import { AutoscaleLoop } from './autoscale-loop';
import { fetchLargestAgent } from './cluster-capacity';
import { servicesRouter } from './http-api';
import { ServicesScheduler } from './scheduler';
import { ServicesApi } from './services-api';
import { MasterSandboxTailReader } from './sandbox-tail';
import { emptyServicesState } from './services-state';

/** How to start the services framework (name @default 'meseta-services'). */
export interface ServicesFrameworkOptions extends FrameworkOptions {
  /** Seconds an offer is refused while instances are wanted. @default 2 */
  offerRefuseSeconds?: number;
  /** An instance without health check that runs this long resets back-off (ms). @default 5000 */
  stableAfterMs?: number;
}

/** A running services framework. */
export interface RunningServicesFramework extends RunningFramework {
  readonly api: ServicesApi;
  readonly scheduler: ServicesScheduler;
}

/** Start it. */
export async function startServicesFramework(options: ServicesFrameworkOptions): Promise<RunningServicesFramework> {
  const { framework, parts } = await startFramework(
    options,
    { component: 'services', defaultName: 'meseta-services', emptyState: emptyServicesState },
    ({ state, clock, logger, frameworkUrl }) => {
      const scheduler = new ServicesScheduler({
        state,
        clock,
        logger: logger.child('scheduler'),
        frameworkUrl,
        offerRefuseSeconds: options.offerRefuseSeconds,
        stableAfterMs: options.stableAfterMs,
        role: options.role,
        principal: options.principal,
        // Failed instances' stderr is read through the master's files proxy (not with a ZooKeeper URL).
        sandboxTail: options.master.startsWith('zk://') ? undefined : new MasterSandboxTailReader(options.master),
      });
      const api = new ServicesApi(scheduler, () => fetchLargestAgent(options.master));
      const autoscaler = new AutoscaleLoop(scheduler, api, clock, logger.child('autoscaler'));
      return {
        scheduler,
        api,
        handlers: scheduler.handlers(),
        router: (health) => servicesRouter(api, scheduler.deployments, health),
        attach: (driver) => {
          scheduler.attach(driver);
          autoscaler.start();
        },
        stop: () => {
          autoscaler.stop();
          scheduler.stop();
        },
      };
    },
  );
  return { ...framework, api: parts.api, scheduler: parts.scheduler };
}
