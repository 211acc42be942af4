import { pb } from '@meseta/proto/wire';
import type { CommandInfo, ContainerInfo } from '@meseta/proto/wire';
import { secretFilePathProblem, taskSecretReferences, taskSecretsProblem } from '@meseta/proto/secret-references';
import { containerProblem, volumeBinds } from '@meseta/proto/container-validation';

const ref = (name: string, key?: string) => ({ type: pb.Secret.Type.REFERENCE, reference: { name, ...(key ? { key } : {}) } });
const secretVar = (name: string, secret: string) => ({ name, type: pb.Environment.Variable.Type.SECRET, secret: ref(secret) });
const secretVolume = (container_path: string, secret: string) => ({ container_path, source: { type: pb.Volume.Source.Type.SECRET, secret: ref(secret) } });
const withEnv = (...variables: object[]): CommandInfo => ({ value: 'true', environment: { variables } }) as CommandInfo;
const withVolumes = (...volumes: object[]): ContainerInfo => ({ type: pb.ContainerInfo.Type.MESOS, volumes }) as ContainerInfo;

describe('secret references of a task', () => {
  it('collects SECRET variables and SECRET volumes, leaving plain variables and host volumes alone', () => {
    const found = taskSecretReferences(
      withEnv({ name: 'PLAIN', value: 'x' }, secretVar('DB_PASSWORD', 'db-password')),
      withVolumes(secretVolume('secrets/tls.key', 'tls-key'), { host_path: '/data', container_path: '/data' }),
    );
    expect(found).toEqual({
      references: {
        variables: [{ variable: 'DB_PASSWORD', secret: 'db-password' }],
        files: [{ path: 'secrets/tls.key', secret: 'tls-key' }],
      },
    });
  });

  it.each([
    ['a secret name with a slash', withEnv(secretVar('A', '../etc/shadow')), undefined, 'task.command.environment.variables[0].secret.reference.name: "../etc/shadow" is not a secret name'],
    ['an empty secret name', withEnv(secretVar('A', '')), undefined, 'task.command.environment.variables[0].secret.reference.name: is empty'],
    ['a key', withEnv({ name: 'A', type: pb.Environment.Variable.Type.SECRET, secret: ref('db', 'user') }), undefined, 'task.command.environment.variables[0].secret.reference.key: "user" is not supported'],
    ['a SECRET variable with a value too', withEnv({ ...secretVar('A', 'db'), value: 'leak' }), undefined, 'task.command.environment.variables[0].value: a SECRET variable takes its value from the secret store'],
    ['a secret on a VALUE variable', withEnv({ name: 'A', value: '', secret: ref('db') }), undefined, 'task.command.environment.variables[0].type: must be SECRET when secret is set'],
    ['a SECRET variable without a secret', withEnv({ name: 'A', type: pb.Environment.Variable.Type.SECRET }), undefined, 'task.command.environment.variables[0].secret: required'],
    ['an absolute secret file', undefined, withVolumes(secretVolume('/etc/key', 'k')), 'task.container.volumes[0].container_path: "/etc/key" must be relative'],
    ['a secret file climbing out', undefined, withVolumes(secretVolume('a/../../k', 'k')), 'task.container.volumes[0].container_path: "a/../../k" must not contain empty, "." or ".." segments'],
    ['a secret file over stdout', undefined, withVolumes(secretVolume('stdout', 'k')), 'task.container.volumes[0].container_path: "stdout" is the task\'s own output file'],
    ['a secret volume with a host path', undefined, withVolumes({ ...secretVolume('k', 'k'), host_path: '/etc' }), 'task.container.volumes[0].host_path: a SECRET volume has no host path'],
    ['the same file twice', undefined, withVolumes(secretVolume('k', 'a'), secretVolume('k/', 'b')), 'task.container.volumes[1].container_path: "k" is given twice'],
  ])('refuses %s, naming the field', (_what, command, container, message) => {
    expect(taskSecretsProblem(command as CommandInfo | undefined, container as ContainerInfo | undefined)).toContain(message);
  });

  it("collects the Docker config secret of a registry image, and refuses a bad one naming the field", () => {
    const image = (config: object): ContainerInfo => ({ type: pb.ContainerInfo.Type.MESOS, mesos: { image: { type: pb.Image.Type.DOCKER, docker: { name: 'app', config } } } }) as ContainerInfo;
    expect(taskSecretReferences(undefined, image(ref('registry-cred')))).toEqual({ references: { variables: [], files: [], imageConfig: 'registry-cred' } });
    expect(taskSecretsProblem(undefined, image(ref('a/b')))).toBe('task.container.mesos.image.docker.config.reference.name: "a/b" is not a secret name (letters, digits, ".", "_" and "-", not starting with ".")');
    expect(taskSecretsProblem(undefined, image(ref('c', 'k')))).toContain('task.container.mesos.image.docker.config.reference.key: "k" is not supported');
  });

  it('lets a task without an image carry secret files (not host volumes)', () => {
    expect(containerProblem(withVolumes(secretVolume('k', 'k')), 'container')).toBeUndefined();
    expect(containerProblem(withVolumes({ host_path: '/data', container_path: '/data' }), 'container')).toContain('volumes need a container with an image');
  });

  it('never bind-mounts a secret volume', () => {
    expect(volumeBinds([secretVolume('k', 'k'), { host_path: '/data', container_path: '/d' }])).toEqual([{ source: '/data', destination: '/d', readOnly: false }]);
  });

  it.each([
    ['secrets/db', undefined],
    ['', "required (the file's path in the sandbox)"],
    ['a//b', '"a//b" must not contain empty, "." or ".." segments'],
    ['./a', '"./a" must not contain empty, "." or ".." segments'],
  ])('judges the sandbox path %j', (p, problem) => {
    expect(secretFilePathProblem(p)).toBe(problem);
  });
});
