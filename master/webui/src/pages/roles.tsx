/**
 * Roles: each role's weight, frameworks, allocation and weighted dominant
 * share (how the DRF allocator orders them).
 */
import { useMemo } from 'preact/hooks';
import type { UiRole } from '../../../http-ui-types';
import type { ClusterStore } from '../model/store';
import { formatAmount, formatNumber } from '../model/format';
import { links } from '../model/router';
import { sortRows } from '../model/table';
import { Card, PageHead, Share } from '../components/common';
import { VirtualTable } from '../components/virtual-table';
import { frameworkName, useSortParam } from '../components/tables';

function roleSortValue(key: string): (r: UiRole) => unknown {
  switch (key) {
    case 'weight':
      return (r) => r.weight;
    case 'frameworks':
      return (r) => r.frameworks.length;
    case 'cpus':
    case 'mem':
    case 'disk':
      return (r) => r.allocated[key] ?? 0;
    case 'share':
      return (r) => r.dominant_share;
    default:
      return (r) => r.name;
  }
}

/** The roles page. */
export function RolesPage(props: { store: ClusterStore; query: Record<string, string> }) {
  const { store, query } = props;
  const [sort, onSort] = useSortParam(query, 'sort', { key: 'share', descending: true });
  const rows = useMemo(() => sortRows(store.roles, roleSortValue(sort.key), sort.descending), [store.versions.roles, sort.key, sort.descending]);
  return (
    <div data-page="roles">
      <PageHead title="Roles" sub="Resources go to roles in order of weighted dominant share (DRF). Weights: meseta weights set; quotas: meseta quota (not shown on this page yet)." />
      <Card title="Roles" count={rows.length} flush>
        <VirtualTable
          name="roles"
          label="Roles"
          rows={rows}
          rowKey={(r) => r.name}
          sort={sort}
          onSort={onSort}
          minWidth="900px"
          empty="No roles yet: a role appears when a framework subscribes with it."
          columns={[
            { key: 'name', label: 'Role', width: '14%', render: (r) => <b>{r.name}</b> },
            { key: 'weight', label: 'Weight', width: '80px', align: 'right', render: (r) => formatNumber(r.weight) },
            {
              key: 'frameworks', label: 'Frameworks', width: '26%',
              title: (r) => r.frameworks.map((id) => frameworkName(store, id)).join(', '),
              render: (r) => (
                <>
                  {r.frameworks.map((id, i) => (
                    <>
                      {i > 0 && ', '}
                      <a href={links.framework(id)}>{frameworkName(store, id)}</a>
                    </>
                  ))}
                </>
              ),
            },
            { key: 'cpus', label: 'CPUs', width: '90px', align: 'right', render: (r) => formatAmount('cpus', r.allocated.cpus ?? 0) },
            { key: 'mem', label: 'Mem', width: '100px', align: 'right', render: (r) => formatAmount('mem', r.allocated.mem ?? 0) },
            { key: 'disk', label: 'Disk', width: '100px', align: 'right', render: (r) => formatAmount('disk', r.allocated.disk ?? 0) },
            { key: 'share', label: 'Dominant share', width: '170px', render: (r) => <Share value={r.dominant_share} /> },
          ]}
        />
      </Card>
    </div>
  );
}
