/**
 * What runs inside an image container (argv, environment, network mode),
 * how runtime exit statuses read, and the pause program of pods.
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { CommandInfo, ContainerInfo } from '@meseta/proto/wire';
import { containerArgv, containerEnvironment, DEFAULT_PATH, networkMode } from '../../agent/containerizers/container-process';
import { signalFromStatus } from '../../agent/containerizers/exit-status';
import { pauseProgram, pauseSupported } from '../../agent/containerizers/pause-program';
import { waitFor } from '../harness/wait-for';

describe('the first process of an image container', () => {
  it.each<[string, CommandInfo, string[]]>([
    ['a shell command', { value: 'echo $HOME' }, ['/bin/sh', '-c', 'echo $HOME']],
    ['a program with argv', { shell: false, value: '/bin/echo', arguments: ['echo', 'a b'] }, ['/bin/echo', 'a b']],
    ['a program without arguments', { shell: false, value: '/bin/true' }, ['/bin/true']],
  ])('runs %s', (_name, command, argv) => {
    expect(containerArgv(command)).toEqual(argv);
  });

  it.each<[string, CommandInfo | undefined, string]>([
    ['no command', undefined, 'task.command: required'],
    ['an empty shell command', { value: '  ' }, 'task.command.value: required (the shell command to run)'],
    ['no program', { shell: false, arguments: ['x'] }, 'task.command.value: required when shell is false'],
  ])('refuses %s, naming the field', (_name, command, message) => {
    expect(() => containerArgv(command)).toThrow(message);
  });

  it('points the sandbox variables inside the container, lets the task win and adds PATH', () => {
    const env = containerEnvironment(
      { MESOS_SANDBOX: '/host/sandbox', MESETA_SANDBOX: '/host/sandbox', MESOS_TASK_ID: 't' },
      { environment: { variables: [{ name: 'MESOS_TASK_ID', value: 'mine' }, { name: 'A', value: '1' }] } },
    );
    expect(env).toEqual({ MESOS_SANDBOX: '/mnt/mesos/sandbox', MESETA_SANDBOX: '/mnt/mesos/sandbox', MESOS_TASK_ID: 'mine', A: '1', PATH: DEFAULT_PATH });
    expect(containerEnvironment({}, { environment: { variables: [{ name: 'PATH', value: '/x' }] } }).PATH).toBe('/x');
  });

  it.each<[string, ContainerInfo | undefined, string]>([
    ['no container', undefined, 'host'],
    ['no network info', { type: 2 }, 'host'],
    ['mode HOST', { network_infos: [{ mode: 0 }] }, 'host'],
    ['mode NONE', { network_infos: [{ mode: 1 }] }, 'none'],
    ['the name none', { network_infos: [{ name: 'none' }] }, 'none'],
  ])('reads the network of %s as %s', (_name, container, expected) => {
    expect(networkMode(container)).toBe(expected);
  });

  it('reads a named network as a CNI network with its port mappings', () => {
    expect(networkMode({ network_infos: [{ name: 'n1', port_mappings: [{ host_port: 8080, container_port: 80 }, { host_port: 53, container_port: 53, protocol: 'UDP' }] }] })).toEqual({
      cni: 'n1',
      portMappings: [
        { hostPort: 8080, containerPort: 80, protocol: 'tcp' },
        { hostPort: 53, containerPort: 53, protocol: 'udp' },
      ],
    });
  });

  it.each<[string, ContainerInfo, string]>([
    ['a bad network name', { network_infos: [{ name: 'a/b' }] }, '"a/b" is not a CNI network name'],
    ['two networks', { network_infos: [{}, {}] }, 'at most one network'],
  ])('refuses %s', (_name, container, message) => {
    expect(() => networkMode(container)).toThrow(message);
  });
});

describe('exit statuses', () => {
  it.each<[number | null, string | undefined]>([
    [0, undefined],
    [1, undefined],
    [128, undefined],
    [137, 'SIGKILL'],
    [143, 'SIGTERM'],
    [130, 'SIGINT'],
    [255, undefined],
    [null, undefined],
  ])('reads %s as signal %s', (status, signal) => {
    expect(signalFromStatus(status)).toBe(signal);
  });
});

describe('the pause program', () => {
  it('is a small static ELF executable for this machine', () => {
    const elf = pauseProgram();
    expect(elf.subarray(0, 4).toString('latin1')).toBe('\x7fELF');
    expect(elf.length).toBeLessThan(200);
    expect(pauseSupported('x64')).toBe(true);
    expect(() => pauseProgram('mips')).toThrow('no machine code for mips');
  });

  it('runs, sleeps and ends only when killed', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'meseta-pause-'));
    try {
      const file = path.join(dir, 'pause');
      fs.writeFileSync(file, pauseProgram(), { mode: 0o755 });
      const child = spawn(file, [], { stdio: 'ignore' });
      const ended = new Promise<NodeJS.Signals | null>((resolve) => child.once('exit', (_code, signal) => resolve(signal)));
      // It reaches pause(): the kernel shows it asleep (S), not running, ended or a zombie.
      const procState = (): string | undefined => {
        try {
          return /^\d+ \(.*\) (\S) /.exec(fs.readFileSync(`/proc/${child.pid}/stat`, 'utf8'))?.[1];
        } catch {
          return undefined;
        }
      };
      await waitFor(() => procState() === 'S', 10_000, 'the pause program to sleep');
      expect(child.exitCode).toBeNull();
      child.kill('SIGKILL');
      expect(await ended).toBe('SIGKILL');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
