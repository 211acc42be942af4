/**
 * A framework author outside this repository: the SDK's packed tarball is
 * installed into a temporary folder, a small framework is compiled there
 * with `tsc --strict` against the installed types only, and run against a
 * real local cluster.
 */
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { startCluster, type Cluster } from '../harness/cluster';
import { REPO_ROOT } from '../harness/paths';
import { npm, outsideDir, packPackages } from '../support/packs';

const run = promisify(execFile);

const FRAMEWORK = `
import { SchedulerDriver, TaskState, firstFit, isTerminal, type TaskSpec } from '@meseta/sdk';

const master = process.argv[2];
let waiting: TaskSpec[] = [{ name: 'outside', command: 'echo built outside the repo', cpus: 0.1, mem: 16 }];
const driver = new SchedulerDriver({
  master,
  framework: { name: 'out-of-tree' },
  handlers: {
    offers: (offers) => {
      const plan = firstFit(waiting, offers);
      waiting = [];
      for (const { offer, tasks } of plan.launches) void driver.launch([offer.id!.value!], tasks);
    },
    update: (status) => {
      const state: TaskState = status.state ?? TaskState.TASK_STAGING;
      console.log('state', TaskState[state]);
      if (isTerminal(state)) void driver.stop().then(() => process.exit(state === TaskState.TASK_FINISHED ? 0 : 1));
    },
  },
});
void driver.start();
`;

const TSCONFIG = {
  compilerOptions: { strict: true, target: 'ES2022', module: 'commonjs', moduleResolution: 'node', esModuleInterop: true, outDir: 'out', types: ['node'] },
  files: ['framework.ts'],
};

describe('the SDK as a package', () => {
  let dir: string;
  let cluster: Cluster | undefined;

  beforeAll(() => {
    dir = outsideDir('meseta-sdk-user-');
  });
  afterAll(async () => {
    await cluster?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('installs from its tarball outside the repository, compiles strict against its types, and runs a task', async () => {
    const tarballs = await packPackages(['@meseta/proto', '@meseta/runtime', '@meseta/sdk'], dir);
    const project = path.join(dir, 'project');
    fs.mkdirSync(project);
    fs.writeFileSync(path.join(project, 'package.json'), JSON.stringify({ name: 'my-framework', version: '1.0.0', private: true }));
    await npm(['install', ...Object.values(tarballs)], project);

    // The SDK's dependency tree holds the contract and the runtime, and no daemon code.
    const installed = fs.readdirSync(path.join(project, 'node_modules', '@meseta')).sort();
    expect(installed).toEqual(['proto', 'runtime', 'sdk']);
    expect(fs.existsSync(path.join(project, 'node_modules', 'meseta'))).toBe(false);

    fs.writeFileSync(path.join(project, 'framework.ts'), FRAMEWORK);
    fs.writeFileSync(path.join(project, 'tsconfig.json'), JSON.stringify(TSCONFIG));
    // The repository's compiler, but nothing of the repository on its search path: the types come from node_modules.
    const tsc = path.join(REPO_ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
    await run(process.execPath, [tsc, '-p', project], { cwd: project }).catch((e: { stdout?: string; message: string }) => {
      throw new Error(`tsc failed: ${e.message}\n${e.stdout ?? ''}`);
    });

    cluster = await startCluster({ agents: 1 });
    const { stdout } = await run(process.execPath, [path.join(project, 'out', 'framework.js'), cluster.masterAddress], { cwd: project, timeout: 60_000 });
    expect(stdout.match(/^state \w+$/gm)).toEqual(['state TASK_RUNNING', 'state TASK_FINISHED']);
  }, 180_000);
});
