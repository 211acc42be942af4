/**
 * The agent page's "Reservations" and "Volumes" cards: the agent's reserved
 * resources (role, principal, labels, resources) and its persistent volumes
 * (persistence id, role, size, container path, mode, principal, the task
 * using it), read from `GET /api/v1/agents/<id>/storage`. Read again when
 * the agent's row changes, and every few seconds.
 */
import { useMemo } from 'preact/hooks';
import type { ClusterStore } from '../model/store';
import { api } from '../api';
import { polledValue, PolledReadState, usePolledRead } from '../polled-read';
import { links } from '../model/router';
import { reservationTableRows, volumeTableRows, type ReservationTableRow, type VolumeTableRow } from '../model/roles-view';
import { Card } from '../components/common';
import { VirtualTable } from '../components/virtual-table';

/** Props of {@link AgentStorageCards}. */
export interface AgentStorageProps {
  store: ClusterStore;
  agentId: string;
  /** Changes whenever the agent's row changed (its resources, tasks): the cards read again. */
  revision: unknown;
}

/** Milliseconds between reads while the page is open (an operator's reserve or unreserve names no agent row the stream sends). */
const REFRESH_MS = 5000;

/** The task id's page link when the UI knows the task on this agent. */
function taskLink(store: ClusterStore, agentId: string, taskId: string): string | undefined {
  for (const t of store.tasks.values()) if (t.agent_id === agentId && t.id === taskId) return links.task(t.framework_id, t.id);
  return undefined;
}

/** The agent page's reservations and volumes. */
export function AgentStorageCards(props: AgentStorageProps) {
  const { store, agentId, revision } = props;
  const loaded = usePolledRead((signal) => api.agentStorage(agentId, signal), REFRESH_MS, [agentId, revision]);
  const storage = polledValue(loaded);
  const reservations = useMemo(() => (storage ? reservationTableRows(storage.reservations) : []), [storage]);
  const volumes = useMemo(() => (storage ? volumeTableRows(storage.volumes) : undefined), [storage]);
  return (
    <>
      <Card title="Reservations" count={reservations.length} flush>
        <PolledReadState loaded={loaded} what="Reservations" />
        {storage && (
          <VirtualTable<ReservationTableRow>
            name="agent-reservations"
            label="Reservations"
            wrapClass="short"
            rows={reservations}
            rowKey={(r) => r.key}
            empty="Nothing is reserved on this agent: meseta reserve <agent> <resources> --role R reserves."
            columns={[
              { key: 'role', label: 'Role', width: '22%', sortable: false, title: (r) => r.role, render: (r) => <b data-cell="role">{r.role}</b> },
              { key: 'type', label: 'Type', width: '100px', sortable: false, render: (r) => <span class="muted">{r.type}</span> },
              { key: 'principal', label: 'Principal', width: '16%', sortable: false, render: (r) => <span data-cell="principal">{r.principal}</span> },
              { key: 'labels', label: 'Labels', width: '20%', sortable: false, title: (r) => r.labels, render: (r) => <span data-cell="labels">{r.labels}</span> },
              { key: 'resources', label: 'Resources', sortable: false, title: (r) => r.resources, render: (r) => <span class="mono" data-cell="resources">{r.resources}</span> },
            ]}
          />
        )}
      </Card>
      {volumes && (
        <Card title="Volumes" count={volumes.length} flush>
          <VirtualTable<VolumeTableRow>
            name="agent-volumes"
            label="Volumes"
            wrapClass="short"
            rows={volumes}
            rowKey={(v) => v.key}
            empty="No persistent volumes on this agent."
            columns={[
              { key: 'persistence_id', label: 'Persistence id', width: '18%', sortable: false, title: (v) => v.persistence_id, render: (v) => <span class="mono" data-cell="persistence_id">{v.persistence_id}</span> },
              { key: 'role', label: 'Role', width: '14%', sortable: false, render: (v) => <span data-cell="role">{v.role}</span> },
              { key: 'size', label: 'Size', width: '90px', align: 'right', sortable: false, render: (v) => <span data-cell="size">{v.size}</span> },
              { key: 'container_path', label: 'Container path', width: '18%', sortable: false, title: (v) => v.container_path, render: (v) => <span class="mono" data-cell="container_path">{v.container_path}</span> },
              { key: 'mode', label: 'Mode', width: '60px', sortable: false, render: (v) => <span data-cell="mode">{v.mode}</span> },
              { key: 'principal', label: 'Principal', width: '12%', sortable: false, render: (v) => <span data-cell="principal">{v.principal}</span> },
              {
                key: 'used_by', label: 'Used by task', sortable: false, title: (v) => v.used_by.join(', '),
                render: (v) => (
                  <span data-cell="used_by">
                    {v.used_by.length === 0 && <span class="muted">–</span>}
                    {v.used_by.map((id, i) => {
                      const href = taskLink(store, agentId, id);
                      return (
                        <>
                          {i > 0 && ', '}
                          {href ? <a href={href}>{id}</a> : <span>{id}</span>}
                        </>
                      );
                    })}
                  </span>
                ),
              },
            ]}
          />
        </Card>
      )}
    </>
  );
}
