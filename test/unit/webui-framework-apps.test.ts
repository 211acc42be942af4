import { appCondition, frameworkCandidates, outcomeTone, runReason, type AppJson, type RunJson } from '../../master/webui/src/model/framework-apps';
import type { UiFramework } from '../../master/http-ui-types';

const fw = (id: string, name: string, over: Partial<UiFramework> = {}): UiFramework => ({ id, name, webui_url: 'http://127.0.0.1:1', connected: true, completed: false, ...over }) as UiFramework;

describe('which framework plays which part', () => {
  it.each<[string, UiFramework[], string[]]>([
    ['the default name first', [fw('b', 'other'), fw('a', 'meseta-services')], ['a', 'b']],
    ['a name with the kind before others', [fw('c', 'zzz'), fw('b', 'my-services'), fw('a', 'meseta-services')], ['a', 'b', 'c']],
    ['none without a webui_url', [fw('a', 'meseta-services', { webui_url: '' })], []],
    ['none disconnected or completed', [fw('a', 'meseta-services', { connected: false }), fw('b', 'meseta-services', { completed: true })], []],
  ])('%s', (_name, frameworks, ids) => {
    expect(frameworkCandidates(frameworks, 'services').map((f) => f.id)).toEqual(ids);
  });
});

const app = (over: Partial<AppJson>): AppJson => ({ id: 'web', version: 'v1', instances: 2, running: 2, healthy: 2, definition: {}, tasks: [], ended: [], ...over });

describe('what an app is doing', () => {
  it.each<[string, AppJson, string, RegExp]>([
    ['healthy', app({}), 'ok', /^healthy$/],
    ['a failing instance with its reason', app({ healthy: 1, tasks: [{ instanceId: 'i', version: 'v1', host: 'h', hostname: 'h', agentId: 'a', ports: [], status: 'unhealthy', reason: 'HTTP 500' }] }), 'bad', /^unhealthy: HTTP 500$/],
    ['deploying', app({ deployment: { id: 'd', kind: 'deploy', toVersion: 'v2', status: 'running', progress: '1/2 instance(s) of v2 healthy' } }), 'info', /deploying v2: 1\/2/],
    ['short of healthy with the last failure', app({ healthy: 0, ended: [{ instanceId: 'i', version: 'v1', state: 'TASK_FAILED', endedAt: 1, reason: 'TASK_FAILED: exit 3; stderr: boom' }] }), 'bad', /0\/2 healthy; last failure: .*stderr: boom/],
    ['unplaced', app({ unplaced: { reason: 'no offer fits' } }), 'bad', /unplaced: no offer fits/],
  ])('%s', (_name, a, tone, text) => {
    const c = appCondition(a);
    expect(c.tone).toBe(tone);
    expect(c.text).toMatch(text);
  });

  it.each([['healthy', 'ok'], ['succeeded', 'ok'], ['failed', 'bad'], ['rolled-back', 'bad'], ['staging', 'warn'], ['running', 'info'], ['odd', 'neutral']])('tone of %s is %s', (status, tone) => {
    expect(outcomeTone(status)).toBe(tone);
  });
});

describe('why a run ended', () => {
  const run = (over: Partial<RunJson>): RunJson => ({ id: 'r', jobId: 'j', trigger: 'manual', status: 'failed', attempts: [], createdAt: 0, ...over });
  it.each<[string, RunJson, string]>([
    ['its own reason', run({ reason: 'deadline passed' }), 'deadline passed'],
    ['the last attempt', run({ attempts: [{ taskId: 't', state: 'TASK_FAILED', message: 'exit 1' }] }), 'TASK_FAILED: exit 1'],
    ['waiting', run({ status: 'waiting' }), 'waiting for an offer'],
  ])('%s', (_name, r, text) => {
    expect(runReason(r)).toBe(text);
  });
});
