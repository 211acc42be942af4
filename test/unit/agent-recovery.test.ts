/**
 * The decisions of agent recovery, as tables: same agent or a new one,
 * what becomes of each task, whether a pid is still the checkpointed
 * process, and how a recorded exit status reads.
 */
import { Reason } from '@meseta/proto/wire';
import { parseAttributes, parseResources } from '@meseta/proto/resource-text';
import type { AgentIdentity } from '../../agent/checkpoint-codec';
import type { RecoveredContainer } from '../../agent/containerizer';
import { identityDecision, taskRecoveryAction, type CurrentAgent } from '../../agent/recovery-plan';
import { parseExitStatus, parseProcessStat, processVerdict, terminationFromShellStatus, type ProcessStat } from '../../agent/recovery-posix';
import type { TaskPhase } from '../../agent/task-book';

const checkpointed: AgentIdentity = {
  agentId: 'old-id',
  bootId: 'boot-1',
  hostname: 'h',
  resources: parseResources('cpus:2;mem:1024;disk:500'),
  resourcesFlag: 'cpus:2;mem:1024',
  attributes: parseAttributes('rack:r1'),
};
const same: CurrentAgent = {
  bootId: 'boot-1',
  resources: parseResources('mem:1024;disk:500;cpus:2'),
  resourcesFlag: 'cpus:2;mem:1024',
  attributes: parseAttributes('rack:r1'),
};

describe('recovering the agent or starting a new one', () => {
  it.each<[string, AgentIdentity | undefined, Partial<CurrentAgent>, string]>([
    ['recovers when nothing changed (resource order does not matter)', checkpointed, {}, 'recover'],
    ['recovers on a host without boot id', { ...checkpointed, bootId: undefined }, { bootId: undefined }, 'recover'],
    ['starts anew without a checkpoint', undefined, {}, 'fresh: no checkpoint (first start, or the work dir was wiped)'],
    ['starts anew when the old run never registered', { ...checkpointed, agentId: undefined }, {}, 'fresh: the previous run never registered'],
    ['starts anew after a reboot', checkpointed, { bootId: 'boot-2' }, 'fresh: the host rebooted since the checkpoint (boot id boot-1, now boot-2)'],
    [
      'starts anew when --resources changed',
      checkpointed,
      { resources: parseResources('cpus:1;mem:1024;disk:500'), resourcesFlag: 'cpus:1;mem:1024' },
      'fresh: resources changed (were "cpus:2;disk:500;mem:1024", now "cpus:1;disk:500;mem:1024")',
    ],
    ['starts anew when attributes changed', checkpointed, { attributes: parseAttributes('rack:r2') }, 'fresh: attributes changed (were "rack:r1", now "rack:r2")'],
  ])('%s', (_name, identity, current, expected) => {
    const decision = identityDecision(identity, { ...same, ...current });
    expect(decision.kind === 'fresh' ? `fresh: ${decision.reason}` : decision.kind).toBe(expected);
  });

  it('keeps the checkpointed resources when only detected values moved (same --resources text)', () => {
    const decision = identityDecision(checkpointed, { ...same, resources: parseResources('cpus:2;mem:1024;disk:480') });
    expect(decision).toMatchObject({ kind: 'recover', agentId: 'old-id', note: expect.stringContaining('detected resources changed') });
    if (decision.kind === 'recover') expect(decision.resources).toBe(checkpointed.resources);
  });

  it('names the old id when it starts anew', () => {
    expect(identityDecision(checkpointed, { ...same, bootId: 'boot-2' })).toMatchObject({ previousAgentId: 'old-id' });
  });
});

const running: RecoveredContainer = { containerId: 'c', state: 'running', pid: 42 };
const ended: RecoveredContainer = { containerId: 'c', state: 'ended', termination: { exitCode: 3, message: 'Command exited with status 3' } };
const missing: RecoveredContainer = { containerId: 'c', state: 'missing', message: 'no process of container c was found' };

describe('what becomes of a checkpointed task', () => {
  it.each<[string, TaskPhase, RecoveredContainer | undefined, object]>([
    ['a running task whose container lives is adopted', 'running', running, { kind: 'adopt', reportRunning: false, resumeKill: false }],
    ['a task being killed is adopted and the kill goes on', 'killing', running, { kind: 'adopt', reportRunning: false, resumeKill: true }],
    ['a task launched just before the crash is adopted and reported running', 'launching', running, { kind: 'adopt', reportRunning: true, resumeKill: false }],
    ['a task whose container ended reports how it ended', 'running', ended, { kind: 'end', termination: ended.state === 'ended' && ended.termination }],
    [
      'a task launched just before the crash that ended meanwhile is reported running first, then how it ended',
      'launching',
      ended,
      { kind: 'end', termination: ended.state === 'ended' && ended.termination, reportRunning: true },
    ],
    [
      'a task whose container is lost fails (executor terminated)',
      'running',
      missing,
      { kind: 'end', termination: { reason: Reason.REASON_EXECUTOR_TERMINATED, message: expect.stringContaining('no process of container c') } },
    ],
    [
      'a task no containerizer could look for fails too',
      'running',
      undefined,
      { kind: 'end', termination: { reason: Reason.REASON_EXECUTOR_TERMINATED, message: expect.stringContaining('no containerizer') } },
    ],
    [
      'a task that never started fails as a launch failure',
      'launching',
      missing,
      { kind: 'end', termination: { reason: Reason.REASON_CONTAINER_LAUNCH_FAILED, message: expect.stringContaining('while launching') } },
    ],
    ['a task that had ended keeps only its pending updates', 'terminated', undefined, { kind: 'keep' }],
  ])('%s', (_name, phase, found, expected) => {
    expect(taskRecoveryAction(phase, found)).toEqual(expected);
  });
});

const stat = (over: Partial<ProcessStat> = {}): ProcessStat => ({ pid: 100, state: 'S', ppid: 1, pgrp: 100, session: 100, startTime: 5000, ...over });

describe('whether a pid is still the checkpointed process', () => {
  it.each<[string, { pid: number; startTime?: number }, ProcessStat | undefined, string]>([
    ['same pid and start time: alive', { pid: 100, startTime: 5000 }, stat(), 'alive'],
    ['same process, now a zombie nobody reaped: ended', { pid: 100, startTime: 5000 }, stat({ state: 'Z' }), 'ended'],
    ['no such process: gone', { pid: 100, startTime: 5000 }, undefined, 'gone'],
    ['another start time: the pid was recycled', { pid: 100, startTime: 4000 }, stat(), 'recycled'],
    ['a recycled pid that is a zombie is still not ours', { pid: 100, startTime: 4000 }, stat({ state: 'Z' }), 'recycled'],
    ['no recorded start time: cannot be told apart, so not ours', { pid: 100 }, stat(), 'recycled'],
  ])('%s', (_name, checkpointedProcess, current, expected) => {
    expect(processVerdict(checkpointedProcess, current)).toBe(expected);
  });

  it.each<[string, string, Partial<ProcessStat> | undefined]>([
    ['a plain line', '4242 (sleep) S 1 4242 4242 0 -1 4194560 100 0 0 0 0 0 0 0 20 0 1 0 987654 2000000 100', { pid: 4242, state: 'S', ppid: 1, pgrp: 4242, startTime: 987654 }],
    [
      'a command name with spaces and parentheses',
      '77 (a) b (c)) R 5 77 77 0 -1 0 0 0 0 0 0 0 0 0 20 0 1 0 1234 0 0',
      { pid: 77, state: 'R', ppid: 5, pgrp: 77, startTime: 1234 },
    ],
    ['a line cut short', '77 (sh) S 1 77', undefined],
    ['not a stat line', 'hello', undefined],
  ])('reads /proc/<pid>/stat: %s', (_name, line, expected) => {
    const parsed = parseProcessStat(line);
    if (expected === undefined) expect(parsed).toBeUndefined();
    else expect(parsed).toMatchObject(expected);
  });
});

describe('a recorded exit status', () => {
  it.each<[string, string, number | undefined]>([
    ['a complete record', 'exit_status=3\n', 3],
    ['zero', 'exit_status=0\n', 0],
    ['a record cut short (no newline)', 'exit_status=1', undefined],
    ['an empty file', '', undefined],
    ['garbage', 'exit_status=abc\n', undefined],
    ['an impossible status', 'exit_status=999\n', undefined],
  ])('parses %s', (_name, text, expected) => {
    expect(parseExitStatus(text)).toBe(expected);
  });

  it.each<[string, number, object]>([
    ['0 is a clean exit', 0, { exitCode: 0, message: 'Command exited with status 0' }],
    ['3 is exit code 3', 3, { exitCode: 3, message: 'Command exited with status 3' }],
    ['128 is still an exit code', 128, { exitCode: 128 }],
    ['143 is SIGTERM, as a shell reports it', 143, { signal: 'SIGTERM', message: 'Command terminated with signal SIGTERM' }],
    ['137 is SIGKILL', 137, { signal: 'SIGKILL' }],
    ['255 names no signal: exit code 255', 255, { exitCode: 255 }],
  ])('reads %s', (_name, status, expected) => {
    expect(terminationFromShellStatus(status)).toMatchObject(expected);
  });
});
