/**
 * Text for numbers, sizes, times and resources as the UI shows them.
 * Pure functions (no DOM), unit-tested in test/unit/webui-format.test.ts.
 */
import type { UiResources } from '../../../http-ui-types';

/** Resources the UI charts and lists in columns, in this order. */
export const MAIN_RESOURCES = ['cpus', 'mem', 'disk', 'gpus'] as const;

/** `1234567` → `1,234,567`; fractions keep up to `digits` decimals. */
export function formatNumber(value: number, digits = 2): string {
  if (!Number.isFinite(value)) return '–';
  const factor = 10 ** digits;
  const rounded = Math.round(value * factor) / factor;
  const [whole, fraction] = Math.abs(rounded).toString().split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${rounded < 0 ? '-' : ''}${grouped}${fraction ? `.${fraction}` : ''}`;
}

/** Megabytes (how Mesos counts mem and disk) as `512 MB`, `1.5 GB`, `2 TB`. */
export function formatMegabytes(mb: number): string {
  if (!Number.isFinite(mb)) return '–';
  const abs = Math.abs(mb);
  if (abs >= 1024 * 1024) return `${formatNumber(mb / (1024 * 1024), 1)} TB`;
  if (abs >= 1024) return `${formatNumber(mb / 1024, 1)} GB`;
  return `${formatNumber(mb, 0)} MB`;
}

/** Bytes as `0 B`, `12.3 KB`, `4.0 MB`. */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes)) return '–';
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  if (bytes < 1024 * 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
  return `${(bytes / (1024 * 1024 * 1024)).toFixed(1)} GB`;
}

/** An amount of a named resource: mem and disk as sizes, the rest as numbers. */
export function formatAmount(resource: string, amount: number): string {
  return resource === 'mem' || resource === 'disk' ? formatMegabytes(amount) : formatNumber(amount);
}

/** `used / total` of one resource, e.g. `1.5 / 4` or `512 MB / 2 GB`. */
export function formatUsage(resource: string, used: number, total: number): string {
  return `${formatAmount(resource, used)} / ${formatAmount(resource, total)}`;
}

/** Resources as `cpus 2 · mem 1 GB · disk 4 GB`, main ones first, zeros left out. */
export function formatResourceList(resources: UiResources): string {
  const names = Object.keys(resources).sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
  const parts = names.filter((n) => resources[n] !== 0).map((n) => `${n} ${formatAmount(n, resources[n])}`);
  return parts.length > 0 ? parts.join(' · ') : '–';
}

function rank(name: string): number {
  const i = (MAIN_RESOURCES as readonly string[]).indexOf(name);
  return i < 0 ? MAIN_RESOURCES.length : i;
}

/** Seconds as `45s`, `12m 5s`, `3h 20m`, `2d 4h`. */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds)) return '–';
  const s = Math.max(0, Math.floor(seconds));
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m ${s % 60}s`;
  if (s < 86400) return `${Math.floor(s / 3600)}h ${Math.floor((s % 3600) / 60)}m`;
  return `${Math.floor(s / 86400)}d ${Math.floor((s % 86400) / 3600)}h`;
}

/** How long ago a time was, `now` and `time` in seconds: `5s ago`, `3m 2s ago`, `just now`. */
export function formatAgo(time: number | undefined, now: number): string {
  if (!time) return '–';
  const delta = now - time;
  if (delta < 1) return 'just now';
  return `${formatDuration(delta)} ago`;
}

/** A time in seconds since the epoch as `2024-05-01 13:45:07` (UTC, sortable, unambiguous). */
export function formatTimestamp(time: number | undefined): string {
  if (!time) return '–';
  const d = new Date(time * 1000);
  if (Number.isNaN(d.getTime())) return '–';
  return d.toISOString().replace('T', ' ').slice(0, 19);
}

/** A share 0..1 as `42.5%`. */
export function formatPercent(share: number, digits = 1): string {
  if (!Number.isFinite(share)) return '–';
  return `${(share * 100).toFixed(digits)}%`;
}

/** `TASK_RUNNING` → `running`, `REASON_AGENT_REMOVED` → `agent removed`. */
export function humanEnum(name: string): string {
  return name.replace(/^(TASK_|REASON_)/, '').toLowerCase().replace(/_/g, ' ');
}

/** An id shortened for a table cell: the first 8 characters of a long uuid-like id. */
export function shortId(id: string): string {
  return /^[0-9a-f-]{20,}$/i.test(id) ? id.slice(0, 8) : id;
}

/** Utf-8 byte length of a string (what file offsets count). */
export function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        bytes += 4;
        i++;
      } else bytes += 3;
    } else bytes += 3;
  }
  return bytes;
}

/** A task's ContainerInfo as the task detail JSON carries it (enums as names or numbers). */
export interface ContainerJson {
  type?: string | number;
  docker?: { image?: string };
  mesos?: { image?: { type?: string | number; tar?: { uri?: string } } };
  network_infos?: Array<{ mode?: string | number; name?: string }>;
  volumes?: unknown[];
}

/**
 * One line saying where a task runs: `Docker busybox:1.36 · network none · 2 volumes`,
 * `Tarball /images/bb.tar.xz`, `POSIX (plain process)`. Undefined without a container.
 */
export function describeContainer(container: ContainerJson | undefined): string | undefined {
  if (!container) return undefined;
  const type = container.type ?? 'POSIX';
  const parts: string[] = [];
  if (type === 'DOCKER' || type === 1) parts.push(`Docker ${container.docker?.image ?? '(no image)'}`);
  else if ((type === 'MESOS' || type === 2) && container.mesos?.image) parts.push(`Tarball ${container.mesos.image.tar?.uri ?? '(no uri)'}`);
  else parts.push('POSIX (plain process)');
  const network = container.network_infos?.[0];
  if (network) {
    const none = network.mode === 'NONE' || network.mode === 1 || network.name?.toLowerCase() === 'none';
    parts.push(none ? 'network none' : 'network host');
  }
  const volumes = container.volumes?.length ?? 0;
  if (volumes > 0) parts.push(volumes === 1 ? '1 volume' : `${volumes} volumes`);
  return parts.join(' · ');
}
