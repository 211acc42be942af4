/**
 * An operator installing Meseta: the packed `meseta` tarball installed
 * globally into a temporary prefix, then `meseta local` and `meseta run`
 * from that prefix's bin folder, with nothing of the repository on the way.
 */
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { killProcessesUnder } from '../harness/cluster';
import { MesetaProcess } from '../harness/meseta-process';
import { REPO_ROOT, artifactsDir } from '../harness/paths';
import { npm, outsideDir, packPackages } from '../support/packs';

const run = promisify(execFile);

describe('the meseta command installed globally from its tarball', () => {
  let dir: string;
  let local: MesetaProcess | undefined;
  let workRoot: string | undefined;

  beforeAll(() => {
    dir = outsideDir('meseta-global-');
  });
  afterAll(async () => {
    await local?.stop();
    if (workRoot) {
      await killProcessesUnder(workRoot);
      fs.rmSync(workRoot, { recursive: true, force: true });
    }
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('runs meseta local and meseta run from the installed bin', async () => {
    const { meseta: tarball } = await packPackages(['meseta'], dir);
    const prefix = path.join(dir, 'prefix');
    await npm(['install', '--global', '--prefix', prefix, tarball], dir);

    const bin = path.join(prefix, 'bin', 'meseta');
    const installed = fs.realpathSync(bin);
    expect(installed.startsWith(fs.realpathSync(prefix))).toBe(true);
    for (const other of ['meseta-services', 'meseta-jobs']) expect(fs.existsSync(path.join(prefix, 'bin', other))).toBe(true);

    // The bin runs by its shebang, from a folder that is not the repository.
    const help = await run(bin, ['--help'], { cwd: dir });
    expect(help.stdout).toMatch(/^Usage: meseta /m);
    const ownVersion = (JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string }).version;
    const version = await run(bin, ['version'], { cwd: dir });
    expect(version.stdout.trim()).toBe(`meseta ${ownVersion}, API v1`);

    local = new MesetaProcess(['local', '--agents', '1', '--port', '0'], {
      label: 'global-local',
      logDir: artifactsDir('global-local'),
      cwd: dir,
      script: installed,
    });
    // Secure by default: TLS, and the client config it prints is all `meseta run` needs.
    const master = (await local.waitForLine(/^meseta local: 1 agent\(s\) up; master at https:\/\/([\d.]+:\d+)\//, 60_000, 'the "agent(s) up" line'))[1];
    const configPath = (await local.waitForLine(/^export MESETA_CONFIG=(\S+)$/, 5_000, 'the export line'))[1];
    workRoot = (await local.waitForLine(/^meseta local: agent work dirs under (\S+)/, 5_000, 'the work dir line'))[1];

    const env = { ...process.env, MESETA_CONFIG: configPath };
    const task = await run(bin, ['run', '--master', master, '--name', 'from-global', '--command', 'echo installed-ok'], { cwd: dir, timeout: 60_000, env });
    expect(task.stdout).toMatch(/^installed-ok$/m);
    expect(task.stdout).toMatch(/TASK_FINISHED/);

    local.kill('SIGINT');
    expect((await local.exited).code).toBe(0);
  }, 240_000);
});
