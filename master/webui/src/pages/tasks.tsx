/**
 * Tasks: every live and recent task, searchable by id, name, state,
 * framework and agent; a virtualised table so 100,000 rows stay fast.
 */
import { useMemo } from 'preact/hooks';
import type { UiTask } from '../../../http-ui-types';
import type { ClusterStore } from '../model/store';
import { TASK_STATE_ORDER } from '../model/stats';
import { formatNumber, humanEnum } from '../model/format';
import { filterRows } from '../model/table';
import { setQuery } from '../hooks';
import { Card, PageHead, SearchBox } from '../components/common';
import { TaskTable, agentName, frameworkName, useSortParam } from '../components/tables';
import { KillTaskButton } from '../components/operator-actions';

/** The state filter's choices: live tasks, all, or one state. */
function stateMatches(filter: string, t: UiTask): boolean {
  if (filter === 'live' || filter === '') return !t.completed;
  if (filter === 'completed') return t.completed;
  if (filter === 'all') return true;
  return t.state === filter;
}

/** The tasks page. */
export function TasksPage(props: { store: ClusterStore; query: Record<string, string>; now: number }) {
  const { store, query, now } = props;
  const q = query.q ?? '';
  const state = query.state ?? 'live';
  const [sort, onSort] = useSortParam(query, 'sort', { key: 'updated', descending: true });
  const rows = useMemo(() => {
    const byState = [...store.tasks.values()].filter((t) => stateMatches(state, t));
    return filterRows(byState, q, (t) => ({
      id: t.id,
      name: t.name,
      state: t.state,
      framework: `${frameworkName(store, t.framework_id)} ${t.framework_id}`,
      agent: `${agentName(store, t.agent_id)} ${t.agent_id}`,
    }));
  }, [store.versions.tasks, store.versions.frameworks, store.versions.agents, q, state]);
  const total = store.tasks.size;

  return (
    <div data-page="tasks">
      <PageHead
        title="Tasks"
        sub={
          store.tasksLoaded
            ? `${formatNumber(total)} known (live and recently completed)`
            : `loading ${formatNumber(total)} of ${formatNumber(store.tasksExpected)} tasks…`
        }
      />
      <Card
        title="Tasks"
        count={`${formatNumber(rows.length)} shown`}
        actions={
          <>
            <select aria-label="State" value={state} onChange={(e) => setQuery({ state: (e.currentTarget as HTMLSelectElement).value })}>
              <option value="live">Live tasks</option>
              <option value="completed">Completed tasks</option>
              <option value="all">All tasks</option>
              {TASK_STATE_ORDER.map((s) => (
                <option value={s} key={s}>
                  {humanEnum(s)}
                </option>
              ))}
            </select>
            <SearchBox label="Search tasks" value={q} placeholder="Search: id, name, state:failed, framework:…, agent:…" onInput={(v) => setQuery({ q: v })} />
          </>
        }
        flush
      >
        <TaskTable
          store={store}
          tasks={rows}
          now={now}
          sort={sort}
          onSort={onSort}
          rowAction={(t) => !t.completed && <KillTaskButton store={store} task={t} small />}
          empty={!store.tasksLoaded ? 'Loading tasks…' : total === 0 ? 'No tasks yet.' : 'No task matches.'}
        />
      </Card>
    </div>
  );
}
