/**
 * What the web UI's action requests (`POST /api/v1/actions/<verb>`) may
 * say, checked: the verb from the path and the fields of the JSON body.
 * Pure; a refusal names the field and the problem.
 */

/** The verbs of `/api/v1/actions/<verb>`. */
export const UI_ACTION_VERBS = ['kill', 'teardown', 'drain', 'deactivate', 'reactivate', 'mark-gone'] as const;

/** One verb. */
export type UiActionVerb = (typeof UI_ACTION_VERBS)[number];

/** A checked action request. */
export type UiAction =
  | { verb: 'kill'; frameworkId: string; taskId: string }
  | { verb: 'teardown'; frameworkId: string }
  | { verb: 'drain'; agentId: string; maxGracePeriodSeconds?: number; markGone: boolean }
  | { verb: 'deactivate' | 'reactivate' | 'mark-gone'; agentId: string };

/** A request that cannot be acted on; `field` is the path part or body field at fault. */
export class UiActionInputError extends Error {
  constructor(
    readonly field: string,
    problem: string,
  ) {
    super(`${field}: ${problem}`);
    this.name = 'UiActionInputError';
  }
}

/** Longest id accepted (Mesos ids are far shorter; this only bounds what is echoed back). */
const MAX_ID_LENGTH = 512;

/** The body fields each verb takes. */
const FIELDS: Record<UiActionVerb, readonly string[]> = {
  kill: ['framework_id', 'task_id'],
  teardown: ['framework_id'],
  drain: ['agent_id', 'max_grace_period_seconds', 'mark_gone'],
  deactivate: ['agent_id'],
  reactivate: ['agent_id'],
  'mark-gone': ['agent_id'],
};

function isVerb(verb: string): verb is UiActionVerb {
  return (UI_ACTION_VERBS as readonly string[]).includes(verb);
}

function id(body: Record<string, unknown>, field: string): string {
  const v = body[field];
  if (v === undefined || v === null || v === '') throw new UiActionInputError(field, 'required, a non-empty string');
  if (typeof v !== 'string') throw new UiActionInputError(field, `must be a string, not ${Array.isArray(v) ? 'a list' : typeof v}`);
  if (v.length > MAX_ID_LENGTH) throw new UiActionInputError(field, `longer than ${MAX_ID_LENGTH} characters`);
  return v;
}

/**
 * Check an action request: `verb` from the path, `body` the parsed JSON.
 * @throws UiActionInputError naming the field and the problem
 */
export function parseUiAction(verb: string, body: unknown): UiAction {
  if (!isVerb(verb)) throw new UiActionInputError('action', `'${verb.slice(0, 64)}' is not an action (one of ${UI_ACTION_VERBS.join(', ')})`);
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new UiActionInputError('body', 'must be a JSON object');
  const fields = body as Record<string, unknown>;
  for (const k of Object.keys(fields)) {
    if (!FIELDS[verb].includes(k)) throw new UiActionInputError(k.slice(0, 64), `unknown field for ${verb} (it takes ${FIELDS[verb].join(', ')})`);
  }
  switch (verb) {
    case 'kill':
      return { verb, frameworkId: id(fields, 'framework_id'), taskId: id(fields, 'task_id') };
    case 'teardown':
      return { verb, frameworkId: id(fields, 'framework_id') };
    case 'drain': {
      const agentId = id(fields, 'agent_id');
      const max = fields.max_grace_period_seconds;
      if (max !== undefined && max !== null && (typeof max !== 'number' || !Number.isFinite(max) || max < 0)) {
        throw new UiActionInputError('max_grace_period_seconds', `must be a number of seconds, 0 or more (got ${JSON.stringify(max)})`);
      }
      const markGone = fields.mark_gone;
      if (markGone !== undefined && markGone !== null && typeof markGone !== 'boolean') throw new UiActionInputError('mark_gone', `must be true or false (got ${JSON.stringify(markGone)})`);
      return { verb, agentId, markGone: markGone === true, ...(typeof max === 'number' ? { maxGracePeriodSeconds: max } : {}) };
    }
    default:
      return { verb, agentId: id(fields, 'agent_id') };
  }
}
