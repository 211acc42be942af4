/**
 * ACLs in the spirit of Mesos's `--acls`: for each action a list of rules,
 * each naming subjects (principals) and objects; the first rule whose
 * subjects and objects both match decides, and a rule whose objects are
 * `{"type": "NONE"}` denies its subjects everything. When no rule matches,
 * `permissive` decides (default true, as Mesos).
 *
 * ```json
 * {
 *   "permissive": false,
 *   "register_frameworks": [{ "principals": { "values": ["web"] }, "roles": { "values": ["web"] } }],
 *   "run_tasks":           [{ "principals": { "type": "ANY" },     "users": { "values": ["nobody"] } }],
 *   "view_frameworks":     [{ "principals": { "values": ["ops"] }, "framework_principals": { "type": "ANY" } }],
 *   "exec_sessions":       [{ "principals": { "values": ["ops"] }, "framework_principals": { "type": "ANY" } }]
 * }
 * ```
 *
 * Pure: parsing and evaluation, no I/O (the file and its reloads are in
 * `acl-file.ts`).
 */

/** Every action an ACL can govern, with its key in the file and the field holding its objects. */
export const ACL_ACTIONS = {
  /** Subscribe in a role. Object: the role. */
  register_framework: { key: 'register_frameworks', object: 'roles' },
  /** Launch a task running as an OS user. Object: the user. */
  run_task: { key: 'run_tasks', object: 'users' },
  /** Tear down a framework. Object: the framework's principal. */
  teardown_framework: { key: 'teardown_frameworks', object: 'framework_principals' },
  /** Kill a task. Object: its framework's principal. */
  kill_task: { key: 'kill_tasks', object: 'framework_principals' },
  /** See a framework in /state, the Operator API and the UI. Object: its principal. */
  view_framework: { key: 'view_frameworks', object: 'framework_principals' },
  /** See a framework's tasks. Object: the framework's principal. */
  view_task: { key: 'view_tasks', object: 'framework_principals' },
  /** See an agent. Object: the agent's principal. */
  view_agent: { key: 'view_agents', object: 'agent_principals' },
  /** Read a task's sandbox files. Object: the task's framework principal. */
  access_sandbox: { key: 'access_sandboxes', object: 'framework_principals' },
  /** Open a debug session in a task. Object: the task's framework principal. */
  exec: { key: 'exec_sessions', object: 'framework_principals' },
  /** Drain an agent (DRAIN_AGENT). Object: the agent's principal. */
  drain_agent: { key: 'drain_agents', object: 'agent_principals' },
  /** Stop offers of an agent (DEACTIVATE_AGENT). Object: the agent's principal. */
  deactivate_agent: { key: 'deactivate_agents', object: 'agent_principals' },
  /** Offer an agent again (REACTIVATE_AGENT). Object: the agent's principal. */
  reactivate_agent: { key: 'reactivate_agents', object: 'agent_principals' },
  /** Set a role's weight (UPDATE_WEIGHTS, `meseta weights set`). Object: the role. */
  update_weights: { key: 'update_weights', object: 'roles' },
  /** Set or remove a role's quota (UPDATE_QUOTA, `meseta quota set`). Object: the role. */
  update_quotas: { key: 'update_quotas', object: 'roles' },
  /** Reserve resources (RESERVE_RESOURCES, `meseta reserve`). Object: the role reserved for. */
  reserve_resources: { key: 'reserve_resources', object: 'roles' },
  /** Unreserve resources (UNRESERVE_RESOURCES, `meseta unreserve`). Object: the principal that made the reservation. */
  unreserve_resources: { key: 'unreserve_resources', object: 'reserver_principals' },
  /** Create persistent volumes (CREATE_VOLUMES, `meseta volumes create`). Object: the role of the volume's reservation. */
  create_volume: { key: 'create_volumes', object: 'roles' },
  /** Destroy persistent volumes (DESTROY_VOLUMES, `meseta volumes destroy`). Object: the principal that created the volume. */
  destroy_volume: { key: 'destroy_volumes', object: 'creator_principals' },
  /** Reserved. Object: the machine (hostname). */
  update_maintenance: { key: 'update_maintenance', object: 'machines' },
} as const;

/** An action an ACL governs. */
export type AclAction = keyof typeof ACL_ACTIONS;

/** Subjects or objects of a rule. */
export type AclEntity = { type: 'ANY' } | { type: 'NONE' } | { values: ReadonlySet<string> };

/** One rule of an action. */
export interface AclRule {
  principals: AclEntity;
  objects: AclEntity;
}

/** Parsed ACLs. */
export interface Acls {
  permissive: boolean;
  rules: Partial<Record<AclAction, readonly AclRule[]>>;
}

/** An ACL file that cannot be used; the message names the field. */
export class AclError extends Error {}

const KEY_TO_ACTION = new Map<string, AclAction>(Object.entries(ACL_ACTIONS).map(([action, d]) => [d.key, action as AclAction]));

function parseEntity(v: unknown, at: string, allowNone: boolean): AclEntity {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new AclError(`${at}: must be { "values": [...] } or { "type": "ANY"${allowNone ? ' | "NONE"' : ''} }`);
  const e = v as Record<string, unknown>;
  for (const k of Object.keys(e)) if (k !== 'type' && k !== 'values') throw new AclError(`${at}.${k}: unknown field (allowed: type, values)`);
  if (e.type !== undefined && e.values !== undefined) throw new AclError(`${at}: give type or values, not both`);
  if (e.type !== undefined) {
    if (e.type === 'ANY') return { type: 'ANY' };
    if (e.type === 'NONE' && allowNone) return { type: 'NONE' };
    throw new AclError(`${at}.type: ${JSON.stringify(e.type)} is not ${allowNone ? 'ANY or NONE' : 'ANY'}`);
  }
  if (!Array.isArray(e.values) || e.values.length === 0) throw new AclError(`${at}.values: required, a non-empty list of strings`);
  e.values.forEach((s, i) => {
    if (typeof s !== 'string' || s === '') throw new AclError(`${at}.values[${i}]: must be a non-empty string`);
  });
  return { values: new Set(e.values as string[]) };
}

/**
 * Parse the text of an ACL file. Throws {@link AclError} naming the field
 * (`run_tasks[0].users.type: "SOME" is not ANY or NONE`).
 */
export function parseAcls(text: string, source = 'ACL file'): Acls {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    throw new AclError(`${source}: not JSON (${(e as Error).message})`);
  }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) throw new AclError(`${source}: must be a JSON object`);
  const acls: { permissive: boolean; rules: Partial<Record<AclAction, AclRule[]>> } = { permissive: true, rules: {} };
  for (const [key, value] of Object.entries(doc)) {
    if (key === 'permissive') {
      if (typeof value !== 'boolean') throw new AclError(`${source}: permissive: must be true or false`);
      acls.permissive = value;
      continue;
    }
    const action = KEY_TO_ACTION.get(key);
    if (!action) throw new AclError(`${source}: ${key}: unknown action (known: permissive, ${[...KEY_TO_ACTION.keys()].join(', ')})`);
    if (!Array.isArray(value)) throw new AclError(`${source}: ${key}: must be a list of rules`);
    const objectField = ACL_ACTIONS[action].object;
    acls.rules[action] = value.map((rule, i) => {
      const at = `${key}[${i}]`;
      if (typeof rule !== 'object' || rule === null || Array.isArray(rule)) throw new AclError(`${source}: ${at}: must be an object`);
      const r = rule as Record<string, unknown>;
      for (const k of Object.keys(r)) {
        if (k !== 'principals' && k !== objectField) throw new AclError(`${source}: ${at}.${k}: unknown field (a ${key} rule has principals and ${objectField})`);
      }
      if (r.principals === undefined) throw new AclError(`${source}: ${at}.principals: required`);
      if (r[objectField] === undefined) throw new AclError(`${source}: ${at}.${objectField}: required`);
      try {
        return { principals: parseEntity(r.principals, `${at}.principals`, false), objects: parseEntity(r[objectField], `${at}.${objectField}`, true) };
      } catch (e) {
        throw new AclError(`${source}: ${(e as Error).message}`);
      }
    });
  }
  return acls;
}

/** ACLs that permit everything (no `--acls`). */
export const PERMIT_ALL: Acls = { permissive: true, rules: {} };

function contains(entity: AclEntity, value: string): boolean {
  if ('values' in entity) return entity.values.has(value);
  return entity.type === 'ANY';
}

/** The answer to one question, with the rule that gave it (for logs and refusals). */
export interface AclDecision {
  allowed: boolean;
  /** `run_tasks[1]`, or `permissive` when no rule matched. */
  by: string;
}

/**
 * May `principal` do `action` on `object`? The first rule of the action
 * that names the principal (or ANY) and the object (or ANY, or NONE)
 * decides; NONE denies. No matching rule: `acls.permissive`.
 */
export function authorize(acls: Acls, principal: string, action: AclAction, object: string): AclDecision {
  const rules = acls.rules[action] ?? [];
  for (let i = 0; i < rules.length; i++) {
    const rule = rules[i];
    if (!contains(rule.principals, principal)) continue;
    if ('type' in rule.objects && rule.objects.type === 'NONE') return { allowed: false, by: `${ACL_ACTIONS[action].key}[${i}]` };
    if (contains(rule.objects, object)) return { allowed: true, by: `${ACL_ACTIONS[action].key}[${i}]` };
  }
  return { allowed: acls.permissive, by: 'permissive' };
}

/** The refusal text of a denied action: names the action, the principal and the object. */
export function deniedMessage(action: AclAction, principal: string, object: string, decision: AclDecision): string {
  const what = ACL_ACTIONS[action].object.replace(/s$/, '').replace(/_/g, ' ');
  return `${action}: principal "${principal}" is not allowed (${what} "${object}"; decided by ${decision.by})`;
}
