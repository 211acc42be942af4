/**
 * The web UI's action and terminal endpoints over real HTTP on a master in
 * this process (127.0.0.1, open): bad input and unknown objects are refused
 * with the status and the field at fault; nothing crashes the master.
 */
import { silentLogger } from '@meseta/runtime/log';
import { startMaster, type RunningMaster } from '../../master/index';

let master: RunningMaster;

async function post(path: string, body: string | object, method = 'POST'): Promise<{ status: number; body: unknown }> {
  const r = await fetch(`http://${master.address}${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    ...(method === 'GET' ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  });
  return { status: r.status, body: await r.json() };
}

beforeAll(async () => {
  master = await startMaster({ port: 0, logger: silentLogger });
});

afterAll(async () => {
  await master?.stop();
});

describe('POST /api/v1/actions/<verb>', () => {
  it.each([
    ['/api/v1/actions/explode', {}, 404, { error: "action: 'explode' is not an action (one of kill, teardown, drain, deactivate, reactivate, mark-gone)", field: 'action' }],
    ['/api/v1/actions/drain', '{not json', 400, { error: 'body: not JSON (send {"agent_id": "…"}, {"framework_id": "…", "task_id": "…"}, …)', field: 'body' }],
    ['/api/v1/actions/drain', {}, 400, { error: 'agent_id: required, a non-empty string', field: 'agent_id' }],
    ['/api/v1/actions/drain', { agent_id: 'a-1', max_grace_period_seconds: -2 }, 400, { error: 'max_grace_period_seconds: must be a number of seconds, 0 or more (got -2)', field: 'max_grace_period_seconds' }],
    ['/api/v1/actions/drain', { agent_id: 'a-1' }, 404, { error: "agent_id: agent 'a-1' not found", field: 'agent_id' }],
    ['/api/v1/actions/reactivate', { agent_id: 'a-1' }, 404, { error: "agent_id: agent 'a-1' not found", field: 'agent_id' }],
    ['/api/v1/actions/mark-gone', { agent_id: 'a-1' }, 404, { error: 'agent_id: no agent a-1 is known to the master', field: 'agent_id' }],
    ['/api/v1/actions/teardown', { framework_id: 'f-1' }, 404, { error: 'teardown.framework_id: no framework f-1 is subscribed (it may have been removed already)', field: 'framework_id' }],
    ['/api/v1/actions/kill', { framework_id: 'f-1', task_id: 't-1' }, 404, { error: 'framework_id: no framework f-1 is known to the master', field: 'framework_id' }],
  ])('POST %s %j: %i', async (path, body, status, answer) => {
    expect(await post(path, body)).toEqual({ status, body: answer });
  });

  it('GET is refused with the method to use', async () => {
    expect(await post('/api/v1/actions/drain', {}, 'GET')).toEqual({ status: 405, body: { error: 'method GET is not allowed; use POST' } });
  });
});

describe('POST /api/v1/exec', () => {
  it.each([
    [{ task_id: 't', rows: 24, columns: 80 }, 400, { error: 'framework_id: required, a non-empty string', field: 'framework_id' }],
    [{ framework_id: 'f', task_id: 't', rows: 24, columns: 80, command: [''] }, 400, { error: 'command[0]: required, the program to run', field: 'command[0]' }],
    [{ framework_id: 'f', task_id: 't', rows: 24, columns: 80 }, 404, { error: 'no task t in framework f is known to the master', field: 'task_id' }],
  ])('%j: %i', async (body, status, answer) => {
    expect(await post('/api/v1/exec', body)).toEqual({ status, body: answer });
  });

  it('input for a session that does not exist is refused', async () => {
    expect(await post('/api/v1/exec/0000/input', { data: 'x' })).toEqual({ status: 404, body: { error: 'session: no open session 0000 (it has ended)', field: 'session' } });
    expect(await post('/api/v1/exec/0000/input', {})).toEqual({ status: 400, body: { error: 'body: empty: send data, resize, signal or close', field: 'body' } });
  });
});
