/**
 * A plain HTML status page, served at `/` only when the web UI was not
 * built (`npm run build` builds it into dist/webui). Server-rendered and
 * escaped; no script.
 */
import { pb } from '@meseta/proto/wire';
import { formatResources } from '@meseta/proto/resources';
import type { Master } from './master';
import { clusterState, clusterTotals } from './state-view';
import { MESETA_VERSION } from './version';

/** Escape text for HTML. */
export function escapeHtml(text: unknown): string {
  return String(text ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** The fallback page: resources, agents, frameworks and the first 500 tasks. */
export function statusPage(master: Master): string {
  const state = clusterState(master);
  const totals = clusterTotals(master);
  const stateName = (n: number | null | undefined): string => pb.TaskState[n ?? 6] ?? String(n);
  const rows = (items: string[][]): string => items.map((r) => `<tr>${r.map((c) => `<td>${c}</td>`).join('')}</tr>`).join('');
  return `<!doctype html><html><head><meta charset="utf-8"><title>Meseta master</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>body{font-family:system-ui,sans-serif;margin:1.5rem;color:#222}table{border-collapse:collapse;margin-bottom:1.5rem}
td,th{border-bottom:1px solid #ddd;padding:.25rem .75rem;text-align:left}h1{font-size:1.4rem}</style></head><body>
<h1>Meseta master ${escapeHtml(master.info.hostname)}:${escapeHtml(master.info.port)} <small>v${escapeHtml(MESETA_VERSION)}</small></h1>
<p>The web UI is not built; run <code>npm run build</code>. This is the plain status page.</p>
<h2>Resources</h2><table><tr><th>resource</th><th>total</th><th>used</th><th>offered</th><th>idle</th></tr>
${rows(totals.map((t) => [t.name, String(t.total), String(t.used), String(t.offered), String(Math.round((t.total - t.used - t.offered) * 1000) / 1000)].map(escapeHtml)))}</table>
<h2>Agents (${state.agents?.length ?? 0})</h2><table><tr><th>id</th><th>host</th><th>status</th><th>resources</th></tr>
${rows((state.agents ?? []).map((a) => [a.agent_info?.id?.value, `${a.agent_info?.hostname}:${a.agent_info?.port}`, pb.AgentState.Status[a.status ?? 0], formatResources(a.total_resources)].map(escapeHtml)))}</table>
<h2>Frameworks (${state.frameworks?.length ?? 0})</h2><table><tr><th>id</th><th>name</th><th>connected</th><th>tasks</th></tr>
${rows((state.frameworks ?? []).map((f) => [f.framework_info?.id?.value, f.framework_info?.name, f.connected ? 'yes' : 'no', String((state.tasks ?? []).filter((t) => t.framework_id?.value === f.framework_info?.id?.value).length)].map(escapeHtml)))}</table>
<h2>Tasks (${state.tasks?.length ?? 0})</h2><table><tr><th>id</th><th>name</th><th>state</th><th>agent</th></tr>
${rows((state.tasks ?? []).slice(0, 500).map((t) => [t.task_id?.value, t.name, stateName(t.state), t.agent_id?.value].map(escapeHtml)))}</table>
<p><a href="/state">/state</a> · <a href="/metrics">/metrics</a> · <a href="/health">/health</a></p></body></html>`;
}
