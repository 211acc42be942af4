import { agentOptionsFrom, containerizersFlag, defaultWorkDir, stopKillsTasks } from '../../cli/commands/agent';
import { defaultLocalResources } from '../../cli/commands/local';
import { masterOptionsFrom } from '../../cli/commands/master';
import { runTaskSpec, uriFlag, type RunFlags } from '../../cli/commands/run';
import { UsageError } from '../../cli/cli-error';
import { parseResources } from '@meseta/proto/resource-text';

describe('masterOptionsFrom', () => {
  it('leaves every option to the master when no flag is given', () => {
    expect(masterOptionsFrom({})).toEqual({});
  });

  it('turns Mesos-style flags into seconds and numbers', () => {
    expect(
      masterOptionsFrom({
        ip: '127.0.0.1',
        port: '0',
        hostname: 'here',
        offerTimeout: '60s',
        agentPingTimeout: '15s',
        maxAgentPingTimeouts: '5',
        agentRemovalTimeout: '10mins',
        frameworkHeartbeat: '15secs',
        allocationInterval: '500ms',
      }),
    ).toEqual({
      ip: '127.0.0.1',
      port: 0,
      hostname: 'here',
      offerTimeoutSeconds: 60,
      agentPingTimeoutSeconds: 15,
      maxAgentPingTimeouts: 5,
      agentRemovalTimeoutSeconds: 600,
      frameworkHeartbeatSeconds: 15,
      allocationIntervalSeconds: 0.5,
    });
  });

  it.each<[string, Parameters<typeof masterOptionsFrom>[0], string]>([
    ['a port that is not a number', { port: 'http' }, '--port: "http" is not a port number'],
    ['zero allowed ping timeouts', { maxAgentPingTimeouts: '0' }, '--max-agent-ping-timeouts: "0" is not a whole number >= 1'],
    ['a heartbeat that is not a duration', { frameworkHeartbeat: 'often' }, '--framework-heartbeat: "often" is not a duration'],
  ])('refuses %s', (_name, flags, message) => {
    expect(() => masterOptionsFrom(flags)).toThrow(UsageError);
    expect(() => masterOptionsFrom(flags)).toThrow(message);
  });
});

describe('agentOptionsFrom', () => {
  it('passes resources and attributes on as text once they parse', () => {
    expect(
      agentOptionsFrom({
        master: '127.0.0.1:5050',
        port: '5051',
        workDir: '/tmp/w',
        resources: 'cpus:4;mem:8192;ports:[31000-32000]',
        attributes: 'rack:a;zone:1',
        containerizers: 'posix, docker',
        imageStoreMaxMb: '512',
        statusUpdateRetry: '2s',
      }),
    ).toEqual({
      master: '127.0.0.1:5050',
      port: 5051,
      workDir: '/tmp/w',
      resources: 'cpus:4;mem:8192;ports:[31000-32000]',
      attributes: 'rack:a;zone:1',
      containerizers: ['posix', 'docker'],
      imageStoreMaxMb: 512,
      statusUpdateRetrySeconds: 2,
    });
  });

  it.each<[string, Parameters<typeof agentOptionsFrom>[0], string]>([
    ['a resource amount that is a word', { resources: 'mem:lots' }, '--resources: invalid entry "mem:lots": "lots" is not a non-negative number'],
    ['an attribute without a name', { attributes: ':x' }, '--attributes: invalid entry ":x"'],
    ['an unknown containerizer', { containerizers: 'posix,lxc' }, '--containerizers: "lxc" is not one of posix, docker, tar'],
    ['a master without a port', { master: '127.0.0.1' }, '--master: "127.0.0.1" is not HOST:PORT'],
    ['an image store limit in words', { imageStoreMaxMb: 'plenty' }, '--image-store-max-mb: "plenty" is not a non-negative number'],
  ])('refuses %s', (_name, flags, message) => {
    expect(() => agentOptionsFrom({ master: '127.0.0.1:5050', ...flags })).toThrow(message);
  });
});

describe('stopKillsTasks', () => {
  it.each<[string, Parameters<typeof stopKillsTasks>[0], boolean]>([
    ['kills the tasks on stop by default', {}, true],
    ['leaves them running with --keep-tasks', { keepTasks: true }, false],
    ['leaves them running with --keep-tasks and the checkpoint on', { keepTasks: true, checkpoint: true }, false],
    ['kills them without --keep-tasks even with --no-checkpoint', { checkpoint: false }, true],
  ])('%s', (_name, flags, kills) => {
    expect(stopKillsTasks(flags)).toBe(kills);
  });

  it('refuses --keep-tasks with --no-checkpoint, naming both', () => {
    expect(() => stopKillsTasks({ keepTasks: true, checkpoint: false })).toThrow('--keep-tasks: needs the checkpoint to recover them from; drop --no-checkpoint');
  });
});

describe('containerizersFlag', () => {
  it('refuses an empty list', () => {
    expect(() => containerizersFlag(' , ')).toThrow('--containerizers: give at least one of posix, docker, tar');
  });
});

describe('defaultWorkDir', () => {
  it('names the work dir after a fixed port, so a restarted agent finds its state', () => {
    expect(defaultWorkDir(5051)).toMatch(/meseta-agent-5051$/);
    expect(defaultWorkDir(undefined)).toMatch(/meseta-agent-5051$/);
  });
});

describe('defaultLocalResources', () => {
  it.each([0, 1, 2])('gives agent %i resources that parse and a port range of its own', (index) => {
    const text = defaultLocalResources(index);
    expect(() => parseResources(text)).not.toThrow();
    expect(text).toContain(`ports:[${31000 + index * 1000}-${31999 + index * 1000}]`);
  });
});

describe('runTaskSpec', () => {
  const BASE: RunFlags = { name: 'hello', command: 'echo hi', cpus: '0.1', mem: '32', output: true };

  it('builds the task from the flags and their defaults', () => {
    expect(runTaskSpec(BASE)).toEqual({ name: 'hello', command: 'echo hi', cpus: 0.1, mem: 32 });
  });

  it('adds disk and environment variables', () => {
    expect(runTaskSpec({ ...BASE, disk: '10', env: ['A=1', 'B=x=y'] })).toEqual({
      name: 'hello',
      command: 'echo hi',
      cpus: 0.1,
      mem: 32,
      disk: 10,
      env: { A: '1', B: 'x=y' },
    });
  });

  it.each<[string, Partial<RunFlags>, string]>([
    ['no name', { name: undefined }, '--name: required'],
    ['no command', { command: '' }, '--command: required'],
    ['zero cpus', { cpus: '0' }, '--cpus: "0" is not a positive number'],
    ['memory as a word', { mem: 'much' }, '--mem: "much" is not a positive number'],
    ['an env entry without a value sign', { env: ['NOPE'] }, '--env: "NOPE" must look like NAME=VALUE'],
  ])('refuses %s', (_name, flags, message) => {
    expect(() => runTaskSpec({ ...BASE, ...flags })).toThrow(message);
  });
});

describe('--uri', () => {
  it.each([
    ['http://127.0.0.1:8080/app.tar.gz', { value: 'http://127.0.0.1:8080/app.tar.gz' }],
    ['/opt/run.sh,executable', { value: '/opt/run.sh', executable: true }],
    ['http://h/a.zip,cache,no-extract,output_file=lib/a.zip', { value: 'http://h/a.zip', cache: true, extract: false, output_file: 'lib/a.zip' }],
    ['http://h/x?a=1,2', { value: 'http://h/x?a=1,2' }],
  ])('%s', (text, uri) => {
    expect(uriFlag(text)).toEqual(uri);
  });

  it.each([
    ['', '--uri: value: is empty'],
    ['ftp://h/a', '--uri: value: "ftp://h/a": the scheme "ftp" is not supported (http://, https://, file:// or an absolute path)'],
    ['http://h/a,output_file=../x', '--uri: output_file: "../x" climbs out of the sandbox with ".."'],
  ])('refuses %j naming the problem', (text, message) => {
    expect(() => uriFlag(text)).toThrow(UsageError);
    expect(() => uriFlag(text)).toThrow(message);
  });

  it('puts every --uri on the task', () => {
    const spec = runTaskSpec({ name: 'x', command: './run', cpus: '0.1', mem: '32', output: true, uri: ['/opt/run,executable', 'http://h/d.tgz'] });
    expect(spec.uris).toEqual([{ value: '/opt/run', executable: true }, { value: 'http://h/d.tgz' }]);
  });
});
