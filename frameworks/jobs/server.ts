/**
 * The jobs framework as one running thing: state (file or ZooKeeper), the
 * scheduler connected with the framework id kept in that state, and the
 * HTTP API. The CLI's `serve` and the tests start it with {@link startJobsFramework}.
 */
import { type FrameworkOptions, type RunningFramework, startFramework } from '../common/running-framework';
import { jobsRouter } from './jobs-api';
import { JobsScheduler } from './jobs-scheduler';
import { emptyJobsState } from './jobs-state';

/** How to start the jobs framework (name @default 'meseta-jobs'). */
export interface JobsFrameworkOptions extends FrameworkOptions {
  /** @default 1 */
  offerRefuseSeconds?: number;
  /** The compiled queue worker. @default found beside the framework */
  workerScript?: string;
}

/** A running jobs framework. */
export interface RunningJobsFramework extends RunningFramework {
  readonly scheduler: JobsScheduler;
}

/** Start it. */
export async function startJobsFramework(options: JobsFrameworkOptions): Promise<RunningJobsFramework> {
  const { framework, parts } = await startFramework(
    options,
    { component: 'jobs', defaultName: 'meseta-jobs', emptyState: emptyJobsState },
    ({ state, clock, logger, frameworkUrl }) => {
      const scheduler = new JobsScheduler({
        state,
        clock,
        logger: logger.child('scheduler'),
        frameworkUrl,
        offerRefuseSeconds: options.offerRefuseSeconds,
        workerScript: options.workerScript,
      });
      return {
        scheduler,
        handlers: scheduler.handlers(),
        router: (health) => jobsRouter(scheduler, health),
        attach: (driver) => scheduler.attach(driver),
        stop: () => scheduler.stop(),
      };
    },
  );
  return { ...framework, scheduler: parts.scheduler };
}
