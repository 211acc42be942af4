/**
 * The tables several pages share: tasks (on the Tasks, agent and
 * framework pages) and offers (on the Offers, agent and framework pages),
 * with sorting kept in the page's link.
 */
import type { ComponentChildren } from 'preact';
import { useMemo } from 'preact/hooks';
import type { UiOffer, UiTask } from '../../../http-ui-types';
import type { ClusterStore } from '../model/store';
import { formatAgo, formatAmount, formatResourceList, shortId } from '../model/format';
import { links } from '../model/router';
import { parseSort, sortRows, sortText, toggleSort, type SortSpec } from '../model/table';
import { setQuery } from '../hooks';
import { StateBadge } from './common';
import { VirtualTable, type Column } from './virtual-table';

/** Sort state kept in the route's query under `param`. */
export function useSortParam(query: Record<string, string>, param: string, fallback: SortSpec): [SortSpec, (key: string) => void] {
  const sort = parseSort(query[param], fallback);
  return [sort, (key: string) => setQuery({ [param]: sortText(toggleSort(sort, key)) })];
}

/** A framework's name for a cell (its id when unknown). */
export function frameworkName(store: ClusterStore, id: string): string {
  return store.frameworks.get(id)?.name || shortId(id);
}

/** An agent's hostname for a cell (its id when unknown). */
export function agentName(store: ClusterStore, id: string): string {
  const a = store.agents.get(id);
  return a ? `${a.hostname}:${a.port}` : shortId(id);
}

/** What each task column sorts by. */
export function taskSortValue(store: ClusterStore, key: string): (t: UiTask) => unknown {
  switch (key) {
    case 'name':
      return (t) => t.name;
    case 'state':
      return (t) => t.state;
    case 'framework':
      return (t) => frameworkName(store, t.framework_id);
    case 'agent':
      return (t) => agentName(store, t.agent_id);
    case 'cpus':
    case 'mem':
      return (t) => t.resources[key] ?? 0;
    case 'updated':
      return (t) => t.updated;
    default:
      return (t) => t.id;
  }
}

/** A sortable, virtualised table of tasks. */
export function TaskTable(props: {
  store: ClusterStore;
  tasks: readonly UiTask[];
  now: number;
  sort: SortSpec;
  onSort: (key: string) => void;
  hide?: Array<'framework' | 'agent'>;
  wrapClass?: string;
  empty?: string;
  foot?: string;
  /** A last column of buttons for each row (the tasks page's Kill). */
  rowAction?: (t: UiTask) => ComponentChildren;
}) {
  const { store, now } = props;
  const sorted = useMemo(
    () => sortRows(props.tasks, taskSortValue(store, props.sort.key), props.sort.descending),
    [props.tasks, props.sort.key, props.sort.descending, store.versions.frameworks, store.versions.agents],
  );
  const columns: Array<Column<UiTask>> = [
    {
      key: 'id', label: 'ID', width: '22%', title: (t) => t.id,
      render: (t) => <a href={links.task(t.framework_id, t.id)}>{t.id}</a>,
    },
    { key: 'name', label: 'Name', width: '18%', title: (t) => t.name, render: (t) => t.name },
    { key: 'state', label: 'State', width: '120px', render: (t) => <StateBadge state={t.state} /> },
    {
      key: 'framework', label: 'Framework', width: '14%', title: (t) => t.framework_id,
      render: (t) => <a href={links.framework(t.framework_id)}>{frameworkName(store, t.framework_id)}</a>,
    },
    {
      key: 'agent', label: 'Agent', width: '14%', title: (t) => t.agent_id,
      render: (t) => <a href={links.agent(t.agent_id)}>{agentName(store, t.agent_id)}</a>,
    },
    { key: 'cpus', label: 'CPUs', width: '70px', align: 'right', render: (t) => formatAmount('cpus', t.resources.cpus ?? 0) },
    { key: 'mem', label: 'Mem', width: '90px', align: 'right', render: (t) => formatAmount('mem', t.resources.mem ?? 0) },
    { key: 'updated', label: 'Updated', width: '110px', render: (t) => <span class="muted">{formatAgo(t.updated, now)}</span> },
  ];
  if (props.rowAction) columns.push({ key: 'actions', label: '', width: '64px', sortable: false, render: props.rowAction });
  const shown = columns.filter((c) => !props.hide?.includes(c.key as 'framework' | 'agent'));
  return (
    <VirtualTable
      name="tasks"
      label="Tasks"
      rows={sorted}
      columns={shown}
      rowKey={(t) => `${t.framework_id}/${t.id}`}
      sort={props.sort}
      onSort={props.onSort}
      empty={props.empty ?? 'No tasks.'}
      wrapClass={props.wrapClass}
      foot={props.foot}
    />
  );
}

/** A sortable table of outstanding offers. */
export function OfferTable(props: { store: ClusterStore; offers: readonly UiOffer[]; now: number; sort: SortSpec; onSort: (key: string) => void; wrapClass?: string }) {
  const { store, now } = props;
  const value = (key: string) => (o: UiOffer): unknown => {
    switch (key) {
      case 'framework':
        return frameworkName(store, o.framework_id);
      case 'agent':
        return o.hostname;
      case 'cpus':
      case 'mem':
        return o.resources[key] ?? 0;
      case 'age':
        return -o.created;
      default:
        return o.id;
    }
  };
  const sorted = useMemo(() => sortRows(props.offers, value(props.sort.key), props.sort.descending), [props.offers, props.sort.key, props.sort.descending]);
  return (
    <VirtualTable
      name="offers"
      label="Outstanding offers"
      rows={sorted}
      rowKey={(o) => o.id}
      sort={props.sort}
      onSort={props.onSort}
      wrapClass={props.wrapClass}
      empty="No outstanding offers: every resource is in use or held back by filters."
      columns={[
        { key: 'id', label: 'Offer', width: '20%', title: (o) => o.id, render: (o) => <span class="mono">{shortId(o.id)}</span> },
        {
          key: 'framework', label: 'Framework', width: '18%',
          render: (o) => <a href={links.framework(o.framework_id)}>{frameworkName(store, o.framework_id)}</a>,
        },
        { key: 'agent', label: 'Agent', width: '18%', render: (o) => <a href={links.agent(o.agent_id)}>{agentName(store, o.agent_id)}</a> },
        { key: 'resources', label: 'Resources', width: '30%', sortable: false, title: (o) => o.resources_text, render: (o) => formatResourceList(o.resources) },
        { key: 'age', label: 'Age', width: '100px', render: (o) => <span class="muted">{formatAgo(o.created, now)}</span> },
      ]}
    />
  );
}
