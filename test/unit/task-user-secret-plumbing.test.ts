/**
 * How the resolved user and secrets reach each containerizer and how the
 * SDK and CLI write references: Docker's `User`, the container environment,
 * the posix child's uid, the SDK's SECRET variables and volumes, and the
 * `meseta run` flags.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pb } from '@meseta/proto/wire';
import type { Offer, TaskInfo } from '@meseta/proto/wire';
import { compileTask } from '@meseta/sdk';
import { dockerCreateBody } from '../../agent/containerizers/docker-container-config';
import { containerEnvironment } from '../../agent/containerizers/container-process';
import { commandEnvironment } from '../../agent/task-environment';
import { PosixContainerizer } from '../../agent/posix-containerizer';
import { runTaskSpec } from '../../cli/commands/run';
import { taskSecretReferences } from '@meseta/proto/secret-references';

const secretVar = { name: 'TOKEN', type: pb.Environment.Variable.Type.SECRET, secret: { type: pb.Secret.Type.REFERENCE, reference: { name: 'api-token' } } };

describe('the user and secrets in each containerizer', () => {
  it('gives Docker the user as uid:gid, and nothing when the task runs as the agent', () => {
    const base = { image: 'busybox', env: {}, network: 'host' as const, limits: {}, labels: {} };
    expect(dockerCreateBody({ ...base, user: '65534:65534' }).User).toBe('65534:65534');
    expect(dockerCreateBody(base).User).toBeUndefined();
  });

  it('leaves SECRET variables out of the command environment and puts their values over the task\'s own', () => {
    const command = { value: 'true', environment: { variables: [{ name: 'PLAIN', value: 'x' }, { ...secretVar }] } };
    expect(commandEnvironment(command)).toEqual({ PLAIN: 'x' });
    expect(containerEnvironment({ MESOS_TASK_ID: 't' }, command, { TOKEN: 'v' })).toMatchObject({ PLAIN: 'x', TOKEN: 'v', MESOS_TASK_ID: 't' });
  });

  it('starts a posix task as the user, with its USER and HOME, and the secret variables', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'meseta-posix-user-'));
    fs.chmodSync(dir, 0o777);
    const stdoutPath = path.join(dir, 'stdout');
    fs.writeFileSync(stdoutPath, '');
    fs.chownSync(stdoutPath, 65534, 65534);
    const containerizer = new PosixContainerizer({ inheritEnvironment: false });
    try {
      const task = { name: 't', task_id: { value: 't' }, command: { value: 'echo "$(id -u) $USER $HOME $TOKEN"' } } as TaskInfo;
      await containerizer.launch({
        containerId: 'c-user',
        frameworkId: 'f',
        taskId: 't',
        task,
        sandboxDir: dir,
        stdoutPath,
        stderrPath: stdoutPath,
        environment: { PATH: '/usr/bin:/bin' },
        user: { name: 'nobody', uid: 65534, gid: 65534, home: '/nonexistent' },
        secretEnvironment: { TOKEN: 'v' },
      });
      expect((await containerizer.wait('c-user')).exitCode).toBe(0);
      expect(fs.readFileSync(stdoutPath, 'utf8')).toBe('65534 nobody /nonexistent v\n');
    } finally {
      await containerizer.destroy('c-user');
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('references in the SDK and the CLI', () => {
  const offer = {
    id: { value: 'o' },
    agent_id: { value: 'a' },
    resources: [
      { name: 'cpus', type: pb.Value.Type.SCALAR, scalar: { value: 1 } },
      { name: 'mem', type: pb.Value.Type.SCALAR, scalar: { value: 128 } },
    ],
  } as Offer;

  it('compiles secretEnv to SECRET variables and secretFiles to SECRET volumes of a container without an image', () => {
    const task = compileTask({ name: 's', command: 'true', cpus: 0.1, mem: 32, env: { A: '1' }, secretEnv: { TOKEN: 'api-token' }, secretFiles: { 'secrets/token': 'api-token' } }, offer);
    expect(taskSecretReferences(task.command, task.container)).toEqual({
      references: { variables: [{ variable: 'TOKEN', secret: 'api-token' }], files: [{ path: 'secrets/token', secret: 'api-token' }] },
    });
    expect(task.container?.type).toBe(pb.ContainerInfo.Type.MESOS);
    expect(task.container?.mesos).toBeUndefined();
    expect(JSON.stringify(task)).not.toMatch(/"value":"api-token"/);
  });

  it('reads meseta run --secret-env, --secret-file and --user', () => {
    const spec = runTaskSpec({
      name: 'n', command: 'true', cpus: '0.1', mem: '32', output: true,
      secretEnv: ['TOKEN=api-token'], secretFile: ['secrets/token=api-token'], user: 'nobody',
    });
    expect(spec).toMatchObject({ secretEnv: { TOKEN: 'api-token' }, secretFiles: { 'secrets/token': 'api-token' }, user: 'nobody' });
    expect(() => runTaskSpec({ name: 'n', command: 'true', cpus: '0.1', mem: '32', output: true, secretEnv: ['TOKEN=../x'] })).toThrow('--secret-env: secret name "../x" is not a secret name');
  });
});
