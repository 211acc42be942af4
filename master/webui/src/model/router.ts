/**
 * Hash routes: every page has a link (`#/agents/<id>`, `#/tasks?q=web`),
 * so deep links, reloads and the back button work without the server
 * knowing the pages. Pure parsing and building, no DOM.
 */

/** A page and its parameters. */
export type Route =
  | { page: 'overview' }
  | { page: 'agents'; query: Record<string, string> }
  | { page: 'agent'; agentId: string; query: Record<string, string> }
  | { page: 'frameworks'; query: Record<string, string> }
  | { page: 'framework'; frameworkId: string; query: Record<string, string> }
  | { page: 'tasks'; query: Record<string, string> }
  | { page: 'task'; frameworkId: string; taskId: string; query: Record<string, string> }
  | { page: 'offers'; query: Record<string, string> }
  | { page: 'roles'; query: Record<string, string> }
  | { page: 'services' }
  | { page: 'service'; appId: string }
  | { page: 'jobs' }
  | { page: 'job'; jobId: string }
  | { page: 'not-found'; path: string };

/** The top-level pages, in navigation order, with their labels. */
export const NAVIGATION: ReadonlyArray<{ page: Route['page']; label: string; href: string }> = [
  { page: 'overview', label: 'Overview', href: '#/' },
  { page: 'agents', label: 'Agents', href: '#/agents' },
  { page: 'frameworks', label: 'Frameworks', href: '#/frameworks' },
  { page: 'tasks', label: 'Tasks', href: '#/tasks' },
  { page: 'offers', label: 'Offers', href: '#/offers' },
  { page: 'roles', label: 'Roles', href: '#/roles' },
  { page: 'services', label: 'Services', href: '#/services' },
  { page: 'jobs', label: 'Jobs', href: '#/jobs' },
];

/** The navigation entry a page belongs to (an agent's page belongs to Agents). */
export function sectionOf(route: Route): Route['page'] {
  switch (route.page) {
    case 'agent':
      return 'agents';
    case 'framework':
      return 'frameworks';
    case 'task':
      return 'tasks';
    case 'service':
      return 'services';
    case 'job':
      return 'jobs';
    default:
      return route.page;
  }
}

function decode(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}

function parseQuery(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of new URLSearchParams(text)) out[key] = value;
  return out;
}

/** `#/tasks/f1/t1?path=x` → the task route. Unknown paths give `not-found`. */
export function parseRoute(hash: string): Route {
  const raw = hash.replace(/^#/, '');
  const q = raw.indexOf('?');
  const pathPart = q >= 0 ? raw.slice(0, q) : raw;
  const query = parseQuery(q >= 0 ? raw.slice(q + 1) : '');
  const segments = pathPart.split('/').filter((s) => s !== '');
  const parts = segments.map(decode);
  if (parts.some((p) => p === undefined)) return { page: 'not-found', path: pathPart };
  const [head, a, b, ...rest] = parts as string[];
  if (rest.length > 0) return { page: 'not-found', path: pathPart };
  switch (head) {
    case undefined:
      return { page: 'overview' };
    case 'agents':
      if (b !== undefined) break;
      return a === undefined ? { page: 'agents', query } : { page: 'agent', agentId: a, query };
    case 'frameworks':
      if (b !== undefined) break;
      return a === undefined ? { page: 'frameworks', query } : { page: 'framework', frameworkId: a, query };
    case 'tasks':
      if (a === undefined) return { page: 'tasks', query };
      if (b === undefined) break;
      return { page: 'task', frameworkId: a, taskId: b, query };
    case 'offers':
      if (a !== undefined) break;
      return { page: 'offers', query };
    case 'roles':
      if (a !== undefined) break;
      return { page: 'roles', query };
    case 'services':
      if (b !== undefined) break;
      return a === undefined ? { page: 'services' } : { page: 'service', appId: a };
    case 'jobs':
      if (b !== undefined) break;
      return a === undefined ? { page: 'jobs' } : { page: 'job', jobId: a };
  }
  return { page: 'not-found', path: pathPart };
}

function withQuery(path: string, query?: Record<string, string | undefined>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) if (value !== undefined && value !== '') params.set(key, value);
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

/** Links to pages, ids encoded. */
export const links = {
  overview: (): string => '#/',
  agents: (query?: Record<string, string | undefined>): string => withQuery('#/agents', query),
  agent: (id: string): string => `#/agents/${encodeURIComponent(id)}`,
  frameworks: (query?: Record<string, string | undefined>): string => withQuery('#/frameworks', query),
  framework: (id: string): string => `#/frameworks/${encodeURIComponent(id)}`,
  tasks: (query?: Record<string, string | undefined>): string => withQuery('#/tasks', query),
  task: (frameworkId: string, taskId: string, query?: Record<string, string | undefined>): string =>
    withQuery(`#/tasks/${encodeURIComponent(frameworkId)}/${encodeURIComponent(taskId)}`, query),
  offers: (query?: Record<string, string | undefined>): string => withQuery('#/offers', query),
  roles: (): string => '#/roles',
  services: (): string => '#/services',
  service: (appId: string): string => `#/services/${encodeURIComponent(appId)}`,
  jobs: (): string => '#/jobs',
  job: (jobId: string): string => `#/jobs/${encodeURIComponent(jobId)}`,
};

/** The same route with some query parameters changed (undefined or '' removes one). */
export function withQueryChanged(hash: string, changes: Record<string, string | undefined>): string {
  const raw = hash.replace(/^#/, '');
  const q = raw.indexOf('?');
  const pathPart = q >= 0 ? raw.slice(0, q) : raw;
  const query: Record<string, string | undefined> = parseQuery(q >= 0 ? raw.slice(q + 1) : '');
  Object.assign(query, changes);
  return withQuery(`#${pathPart || '/'}`, query);
}
