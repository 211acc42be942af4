/**
 * The systemd units in deploy/systemd: each starts a real `meseta` verb with
 * flags that verb accepts, reads the environment file shipped beside it,
 * and carries the settings a supervised Meseta daemon needs.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Command } from 'commander';
import { agentOptionsFrom, stopKillsTasks } from '../../cli/commands/agent';
import { masterOptionsFrom } from '../../cli/commands/master';
import { buildProgram } from '../../cli/meseta';
import { VERB_NAMES } from '../../cli/verbs';
import { ensurePackages } from '../setup/packages';

const DIR = path.join(__dirname, '..', '..', 'deploy', 'systemd');

/** `[Section]` → key → values (a key may repeat). Comments and blank lines dropped. */
function parseUnit(text: string): Map<string, Map<string, string[]>> {
  const sections = new Map<string, Map<string, string[]>>();
  let current: Map<string, string[]> | undefined;
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#') || line.startsWith(';')) continue;
    const section = /^\[(.+)\]$/.exec(line);
    if (section) {
      current = new Map();
      sections.set(section[1], current);
      continue;
    }
    const eq = line.indexOf('=');
    if (!current || eq < 0) throw new Error(`not a unit file line: ${raw}`);
    const key = line.slice(0, eq).trim();
    current.set(key, [...(current.get(key) ?? []), line.slice(eq + 1).trim()]);
  }
  return sections;
}

/** `NAME=value` lines of an environment file, and the commented-out examples (`# NAME=value`). */
function parseEnv(text: string): { values: Map<string, string>; examples: Array<[string, string]> } {
  const values = new Map<string, string>();
  const examples: Array<[string, string]> = [];
  for (const raw of text.split('\n')) {
    const m = /^(#\s*)?([A-Z_][A-Z0-9_]*)=(.*)$/.exec(raw.trim());
    if (!m) continue;
    if (m[1]) examples.push([m[2], m[3]]);
    else values.set(m[2], m[3]);
  }
  return { values, examples };
}

/** Parse `args` as the verb's flags, as commander would; throws on an unknown flag. */
function parseVerbFlags<T>(verb: string, args: string[]): T {
  const command = buildProgram([verb]).commands.find((c) => c.name() === verb) as Command;
  const parsed = command.parseOptions(args);
  if (parsed.unknown.length > 0 || parsed.operands.length > 0) throw new Error(`meseta ${verb} does not take ${[...parsed.unknown, ...parsed.operands].join(' ')}`);
  return command.opts() as T;
}

const UNITS: Array<{ unit: string; verb: string; check: (flags: Record<string, unknown>) => void }> = [
  { unit: 'meseta-master.service', verb: 'master', check: (flags) => void masterOptionsFrom(flags) },
  {
    unit: 'meseta-agent.service',
    verb: 'agent',
    check: (flags) => {
      agentOptionsFrom(flags);
      stopKillsTasks(flags);
    },
  },
];

describe.each(UNITS)('deploy/systemd/$unit', ({ unit, verb, check }) => {
  const service = parseUnit(fs.readFileSync(path.join(DIR, unit), 'utf8')).get('Service')!;
  const execStart = service.get('ExecStart')![0].split(/\s+/);
  const envFile = service.get('EnvironmentFile')![0];
  const shipped = path.join(DIR, path.basename(envFile));

  it(`starts \`meseta ${verb}\`, a real verb, through the PATH`, () => {
    expect(execStart.slice(0, 3)).toEqual(['/usr/bin/env', 'meseta', verb]);
    expect(VERB_NAMES).toContain(verb);
  });

  it('reads the environment file shipped beside it, from /etc/meseta', () => {
    expect(path.dirname(envFile)).toBe('/etc/meseta');
    expect(fs.existsSync(shipped)).toBe(true);
  });

  it('takes its flags from variables that file defines, and the flags are the verb\'s', () => {
    const { values, examples } = parseEnv(fs.readFileSync(shipped, 'utf8'));
    const variables = execStart.filter((w) => w.startsWith('$')).map((w) => w.slice(1));
    expect(variables.length).toBeGreaterThan(0);
    const literal = execStart.slice(3).filter((w) => !w.startsWith('$'));
    for (const name of variables) {
      expect(values.has(name)).toBe(true);
      // The line in force, and every commented example, must be flags `meseta <verb>` accepts.
      for (const text of [values.get(name)!, ...examples.filter(([n]) => n === name).map(([, v]) => v)]) {
        check(parseVerbFlags(verb, [...literal, ...text.split(/\s+/).filter((w) => w !== '')]));
      }
    }
  });

  it('is restarted when it fails (a master that loses its leadership exits 1 for this)', () => {
    expect(service.get('Restart')).toEqual(['on-failure']);
  });

  it('keeps its work dir in the unit\'s state directory', () => {
    const { values } = parseEnv(fs.readFileSync(shipped, 'utf8'));
    const flags = [...values.values()].join(' ');
    expect(flags).toContain(`--work-dir /var/lib/${service.get('StateDirectory')![0]}`);
  });

  it('passes systemd-analyze verify', () => {
    // A missing systemd-analyze is installed (Debian's systemd) or fails the test naming the package.
    ensurePackages([{ binary: 'systemd-analyze', package: 'systemd' }]);
    // verify names units by file name: run it on the file where it lies.
    const result = spawnSync('systemd-analyze', ['verify', path.join(DIR, unit)], { encoding: 'utf8' });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  });
});

describe('deploy/systemd/meseta-agent.service', () => {
  const service = parseUnit(fs.readFileSync(path.join(DIR, 'meseta-agent.service'), 'utf8')).get('Service')!;

  it('stops only the agent\'s own process, so its tasks outlive a restart, and leaves them running on SIGTERM', () => {
    expect(service.get('KillMode')).toEqual(['process']);
    expect(service.get('ExecStart')![0].split(/\s+/)).toContain('--keep-tasks');
  });

  it('delegates cgroups to the agent', () => {
    expect(service.get('Delegate')).toEqual(['yes']);
  });
});

it('the unit files are plain text systemd can read (no tabs or CRs)', () => {
  for (const file of fs.readdirSync(DIR)) expect(fs.readFileSync(path.join(DIR, file), 'utf8')).not.toMatch(/\r|\t/);
});

describe('deploy/systemd/meseta-master.env', () => {
  const { values } = parseEnv(fs.readFileSync(path.join(DIR, 'meseta-master.env'), 'utf8'));
  /** V8's heap limit (old space + 3 semi-spaces, MB) of a node started with `nodeOptions` as NODE_OPTIONS. */
  const heapLimitMb = (nodeOptions: string | undefined): number => {
    const env = { ...process.env };
    delete env.NODE_OPTIONS;
    if (nodeOptions !== undefined) env.NODE_OPTIONS = nodeOptions;
    const result = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(require("v8").getHeapStatistics().heap_size_limit))'], { env, encoding: 'utf8' });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    return Number(result.stdout) / 1024 / 1024;
  };

  it('gives the master\'s node a young generation of 32 MB semi-spaces through NODE_OPTIONS, which node accepts there', () => {
    expect(values.get('NODE_OPTIONS')).toBe('--max-semi-space-size=32');
    // V8's default semi-space is at most 16 MB (less on a small machine): the limit grows by three semi-spaces' growth.
    expect(heapLimitMb(values.get('NODE_OPTIONS'))).toBeGreaterThanOrEqual(heapLimitMb(undefined) + 3 * (32 - 16));
  });
});
