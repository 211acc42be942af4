/**
 * Text and order for an agent's cached registry images (the master's
 * `GET /api/v1/agents/<id>/images`). Pure, unit-tested in
 * test/unit/webui-images.test.ts.
 */
import type { AgentImage, AgentImages } from '../../../agent-images';
import { formatBytes, formatNumber } from './format';

/** `sha256:0123456789abcdef…` → `0123456789ab`; anything else as it is. */
export function shortDigest(digest: string): string {
  const m = /^sha256:([0-9a-f]{12})[0-9a-f]*$/i.exec(digest);
  return m ? m[1] : digest;
}

/** An ISO 8601 time as seconds since the epoch (what the UI's time formats take), or undefined. */
export function isoSeconds(iso: string): number | undefined {
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? undefined : ms / 1000;
}

/** The store's layer totals: `3 layers · 1.2 MB` (each layer once, shared or not). */
export function layerTotals(store: Pick<AgentImages, 'totals'>): string {
  const n = store.totals.layers;
  return `${formatNumber(n)} ${n === 1 ? 'layer' : 'layers'} · ${formatBytes(store.totals.bytes)}`;
}

/** The sort value of an image for a column key. */
export function imageSortValue(key: string): (image: AgentImage) => unknown {
  switch (key) {
    case 'digest':
      return (m) => m.digest;
    case 'layers':
      return (m) => m.layers.length;
    case 'size':
      return (m) => m.bytes;
    case 'last_used':
      return (m) => isoSeconds(m.last_used) ?? 0;
    case 'in_use':
      return (m) => m.in_use;
    default:
      return (m) => m.reference;
  }
}

/** The "in use" cell: `no`, or how many containers hold the image's layers. */
export function inUseText(inUse: number): string {
  if (inUse <= 0) return 'no';
  return `${formatNumber(inUse)} ${inUse === 1 ? 'container' : 'containers'}`;
}
