/**
 * `POST /api/v1/actions/<verb>`: the web UI's operator actions, the same
 * the CLI does over the Operator API and with the same checks
 * (`operator-actions.ts`): kill a task, tear down a framework, drain,
 * deactivate, reactivate or mark gone an agent. The caller is who the
 * HTTP guard identified (the UI's logged-in principal; anonymous on an open
 * master) and its ACLs apply exactly as to the CLI.
 *
 * Answers `200 {"ok": true, "message"}` once the change is durable (a drain:
 * once it started, not when it is drained), else `{"error", "field"?}`
 * with 400 (bad input, naming the field), 403 (ACL), 404 (unknown task,
 * framework or agent), 409 (already ended or gone), 503 (registry write
 * failed).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { enumName, pb } from '@meseta/proto/wire';
import { isTerminal } from '@meseta/proto/task-state';
import type { Logger } from '@meseta/runtime/log';
import type { Master } from './master';
import { authorityOf } from './auth/request-authority';
import { OperatorActionError, actOnAgent, killTask, teardown } from './operator-actions';
import { UiActionInputError, parseUiAction, type UiAction } from './ui-action-input';
import { HttpRefusal, readBodyText, sendJson } from './http-json';

/** Largest action body read. */
export const MAX_ACTION_BODY = 4096;

const PREFIX = '/api/v1/actions/';

/** `/api/v1/actions/<verb>` → the verb, or undefined for other paths. */
export function parseActionPath(pathname: string): string | undefined {
  if (!pathname.startsWith(PREFIX)) return undefined;
  const verb = pathname.slice(PREFIX.length);
  return verb.includes('/') ? undefined : verb;
}

const STATUS_OF_KIND = { invalid: 400, not_found: 404, denied: 403, conflict: 409, failed: 503 } as const;

/** Why a kill found no live task: the task ended (409, with its state), or is unknown (404). */
function noLiveTask(master: Master, frameworkId: string, taskId: string): HttpRefusal {
  const fw = master.frameworks.get(frameworkId) ?? master.completedFrameworks.find((f) => f.id === frameworkId);
  if (!fw) return new HttpRefusal(404, `framework_id: no framework ${frameworkId} is known to the master`, 'framework_id');
  const done = fw.tasks.get(taskId) ?? [...fw.completedTasks].reverse().find((t) => t.taskId === taskId);
  if (done) return new HttpRefusal(409, `task ${taskId} has already ended (${enumName(pb.TaskState, done.task.state)}); there is nothing to kill`, 'task_id');
  return new HttpRefusal(404, `task_id: no task ${taskId} of framework ${frameworkId} is known to the master`, 'task_id');
}

/** Do the action; resolves with the sentence the UI shows. */
async function act(master: Master, req: IncomingMessage, action: UiAction, log: Logger): Promise<string> {
  const authority = authorityOf(req);
  const by = authority.principal ? ` (principal ${authority.principal})` : '';
  switch (action.verb) {
    case 'kill': {
      const record = master.frameworks.get(action.frameworkId)?.tasks.get(action.taskId);
      if (!record || isTerminal(record.task.state)) throw noLiveTask(master, action.frameworkId, action.taskId);
      const where = killTask(master, authority, action.taskId, action.frameworkId);
      log.warn('web UI: kill task', { task: action.taskId, framework: action.frameworkId, agent: where.agentId, principal: authority.principal });
      return `kill of task ${action.taskId} sent to agent ${where.agentId}`;
    }
    case 'teardown':
      log.warn('web UI: teardown', { framework: action.frameworkId, principal: authority.principal });
      await teardown(master, authority, action.frameworkId);
      return `framework ${action.frameworkId} torn down`;
    case 'drain':
      log.warn('web UI: drain agent', { agent: action.agentId, principal: authority.principal, max_grace_period_s: action.maxGracePeriodSeconds, mark_gone: action.markGone });
      await actOnAgent(master, authority, 'drain', action.agentId, 'agent_id', {
        ...(action.maxGracePeriodSeconds !== undefined ? { maxGracePeriodSeconds: action.maxGracePeriodSeconds } : {}),
        markGone: action.markGone,
      });
      return `agent ${action.agentId} is draining`;
    case 'deactivate':
    case 'reactivate':
      log.info(`web UI: ${action.verb} agent`, { agent: action.agentId, principal: authority.principal });
      await actOnAgent(master, authority, action.verb, action.agentId, 'agent_id');
      return `agent ${action.agentId} ${action.verb}d`;
    case 'mark-gone': {
      // As Mesos's MARK_AGENT_GONE on `/api/v1`: an operator credential, no ACL of its own.
      log.warn('web UI: mark agent gone', { agent: action.agentId, principal: authority.principal });
      const result = await master.markAgentGone(action.agentId, `marked gone by the operator${by}`).catch((e: Error) => {
        throw new HttpRefusal(503, `the registry write to mark agent ${action.agentId} gone failed: ${e.message}`);
      });
      if (result === 'unknown') throw new HttpRefusal(404, `agent_id: no agent ${action.agentId} is known to the master`, 'agent_id');
      if (result === 'already-gone') throw new HttpRefusal(409, `agent ${action.agentId} is already gone`, 'agent_id');
      return `agent ${action.agentId} marked gone`;
    }
  }
}

/** Answer `POST /api/v1/actions/<verb>` over `master` (the caller's view of it). */
export async function handleUiAction(master: Master, req: IncomingMessage, res: ServerResponse, verb: string, log: Logger): Promise<void> {
  try {
    if (req.method !== 'POST') {
      req.resume();
      throw new HttpRefusal(405, `method ${req.method} is not allowed; use POST`);
    }
    const text = await readBodyText(req, MAX_ACTION_BODY);
    let body: unknown;
    try {
      body = text.trim() === '' ? {} : JSON.parse(text);
    } catch {
      throw new HttpRefusal(400, 'body: not JSON (send {"agent_id": "…"}, {"framework_id": "…", "task_id": "…"}, …)', 'body');
    }
    let action: UiAction;
    try {
      action = parseUiAction(verb, body);
    } catch (e) {
      if (e instanceof UiActionInputError) throw new HttpRefusal(e.field === 'action' ? 404 : 400, e.message, e.field);
      throw e;
    }
    const message = await act(master, req, action, log);
    sendJson(res, 200, { ok: true, message });
  } catch (e) {
    if (e instanceof HttpRefusal) return sendJson(res, e.status, { error: e.message, ...(e.field ? { field: e.field } : {}) });
    if (e instanceof OperatorActionError) {
      // Input and lookup refusals start with the field (`agent_id: …`); an ACL refusal starts with its action instead.
      const field = e.kind === 'invalid' || e.kind === 'not_found' ? /^([a-z_]+(?:\.[a-z_]+)*):/.exec(e.message)?.[1]?.split('.').pop() : undefined;
      if (e.kind === 'denied') log.warn('web UI action refused', { verb, principal: authorityOf(req).principal, problem: e.message });
      return sendJson(res, STATUS_OF_KIND[e.kind], { error: e.message, ...(field ? { field } : {}) });
    }
    throw e;
  }
}
