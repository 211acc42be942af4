/**
 * An in-process framework on a real test cluster, for integration tests:
 * a temporary directory (the framework keeps its state in
 * `<dir>/state.json`), the cluster, and the framework logging to
 * `<cluster log dir>/<component>.log`. {@link FrameworkTestBed.stop} takes
 * it all down again, in that order reversed. In a `describe` block,
 * {@link useFrameworkTestBed} starts it in `beforeAll` and stops it in `afterAll`.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createLogger, type Logger } from '@meseta/runtime/log';
import type { FrameworkOptions } from '../../frameworks/common/running-framework';
import { FileStateStore } from '../../frameworks/common/state-store';
import { startCluster, type Cluster, type ClusterOptions } from '../harness/cluster';

/** A logger writing to a file (framework logs of in-process tests). */
export function fileLogger(file: string, component: string): Logger {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  return createLogger(component, 'debug', (line) => fs.appendFileSync(file, line + '\n'));
}

/** What a framework under test is started with by the bed. */
export type TestBedFrameworkOptions = Required<Pick<FrameworkOptions, 'master' | 'store' | 'logger'>>;

/** How to set the bed up. */
export interface FrameworkTestBedOptions<F> {
  /** Prefix of the temporary directory's name, e.g. 'meseta-jobs-runs-'. */
  dirPrefix: string;
  cluster: ClusterOptions;
  /** Logger component and log file name: 'jobs' logs to jobs.log. */
  component: string;
  /** Start the framework (e.g. `startJobsFramework`) with the bed's master, state store and logger. */
  start(options: TestBedFrameworkOptions): Promise<F>;
}

/** A running bed. */
export interface FrameworkTestBed<F> {
  /** The temporary directory; the state is `<dir>/state.json`, tests may put their files here too. */
  readonly dir: string;
  readonly cluster: Cluster;
  readonly framework: F;
  /** Tear the framework down (its tasks killed), stop the cluster, remove the directory. */
  stop(): Promise<void>;
}

/** Make the directory, start the cluster, then the framework; on a failure, undo what was done and throw. */
export async function startFrameworkTestBed<F extends { teardown(): Promise<void> }>(options: FrameworkTestBedOptions<F>): Promise<FrameworkTestBed<F>> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), options.dirPrefix));
  const removeDir = (): void => fs.rmSync(dir, { recursive: true, force: true });
  let cluster: Cluster | undefined;
  try {
    cluster = await startCluster(options.cluster);
    const framework = await options.start({
      master: cluster.masterAddress,
      store: new FileStateStore(path.join(dir, 'state.json')),
      logger: fileLogger(path.join(cluster.logDir, `${options.component}.log`), options.component),
    });
    const started = cluster;
    return {
      dir,
      cluster: started,
      framework,
      stop: async () => {
        await framework.teardown();
        await started.stop();
        removeDir();
      },
    };
  } catch (e) {
    await cluster?.stop();
    removeDir();
    throw e;
  }
}

/**
 * Start a bed in `beforeAll` and stop it in `afterAll` of the current
 * `describe` block. Read its `dir`, `cluster` and `framework` inside tests
 * and later hooks (they throw before the bed has started).
 */
export function useFrameworkTestBed<F extends { teardown(): Promise<void> }>(options: FrameworkTestBedOptions<F>): Omit<FrameworkTestBed<F>, 'stop'> {
  let bed: FrameworkTestBed<F> | undefined;
  beforeAll(async () => {
    bed = await startFrameworkTestBed(options);
  });
  afterAll(async () => {
    await bed?.stop();
  });
  const started = (): FrameworkTestBed<F> => {
    if (!bed) throw new Error(`the ${options.component} test bed has not started (did beforeAll fail?)`);
    return bed;
  };
  return {
    get dir() {
      return started().dir;
    },
    get cluster() {
      return started().cluster;
    },
    get framework() {
      return started().framework;
    },
  };
}
