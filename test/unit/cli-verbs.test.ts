import { UsageError } from '../../cli/cli-error';
import { buildProgram } from '../../cli/meseta';
import { modulesFor, VERB_NAMES, verbOf } from '../../cli/verbs';

describe('the verb dispatcher', () => {
  it.each(VERB_NAMES)('resolves %s to a program that has it', (verb) => {
    expect(verbOf([verb, '--help'])).toBe(verb);
    expect(buildProgram([verb]).commands.map((c) => c.name())).toContain(verb);
  });

  it('lists every verb the full program has, in help order', () => {
    expect(buildProgram().commands.map((c) => c.name())).toEqual(VERB_NAMES);
  });

  it.each<[string, string[], string[]]>([
    ['agents needs only the listing module', ['agents'], ['state']],
    ['the four listing verbs share one module', ['tasks', 'state', 'agents'], ['state']],
    ['version needs only its own module', ['version'], ['version']],
    ['master does not load the listing verbs', ['master'], ['master']],
  ])('%s', (_name, verbs, modules) => {
    expect(modulesFor(verbs)).toEqual(modules);
  });

  it.each<[string, string[]]>([
    ['no arguments', []],
    ['--help before any verb', ['--help']],
    ['--version', ['--version']],
    ['the help command', ['help', 'agents']],
  ])('asks for the whole program for %s', (_name, args) => {
    expect(verbOf(args)).toBeUndefined();
  });

  it('refuses an unknown verb naming it and listing the verbs', () => {
    let error: unknown;
    try {
      verbOf(['launch-rockets', '--now']);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(UsageError);
    expect((error as UsageError).exitCode).toBe(2);
    expect((error as Error).message).toBe(
      "unknown command 'launch-rockets'; the verbs are master, agent, local, agents, frameworks, tasks, state, run, exec, logs, drain, deactivate, reactivate, kill, teardown, weights, quota, reserve, unreserve, volumes, maintenance, version, certs, dns (meseta --help for usage)",
    );
  });
});
