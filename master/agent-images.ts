/**
 * The image store of one agent as `GET /api/v1/agents/<id>/images` answers
 * it: the `image_store` block of the agent's `/state` (the runc
 * containerizer's layer store, `agent/containerizers/layer-store.ts`),
 * checked field by field and shaped for the web UI. Pure: no I/O.
 */

/** A cached image as the master relays it. */
export interface AgentImage {
  /** The image reference it was pulled by (`127.0.0.1:5000/meseta/app:v1`). */
  reference: string;
  /** Its manifest digest (`sha256:…`). */
  digest: string;
  /** Its layer digests, bottom first. */
  layers: string[];
  /** Unpacked bytes of its layers (a layer shared with another image counts in both). */
  bytes: number;
  /** When it was pulled (ISO 8601). */
  pulled_at: string;
  /** Its layers' latest use (ISO 8601): a launch touches every layer of its image. */
  last_used: string;
  /**
   * Containers holding every one of its layers (the fewest holders among its
   * layers; layers are leased per container, so an image whose layers another
   * image shares entirely also counts that image's containers).
   */
  in_use: number;
}

/** A cached layer as the master relays it. */
export interface AgentLayer {
  digest: string;
  /** Unpacked bytes. */
  bytes: number;
  /** Containers holding it now (a held layer is never collected). */
  holders: number;
  /** Its last use (ISO 8601). */
  last_used: string;
}

/** The answer of `GET /api/v1/agents/<id>/images`. */
export interface AgentImages {
  agent_id: string;
  /** False when the agent keeps no layer store (its runc containerizer is not enabled); the lists are then empty. */
  image_store: boolean;
  images: AgentImage[];
  layers: AgentLayer[];
  /** Every layer once: how many and their unpacked bytes. */
  totals: { images: number; layers: number; bytes: number };
}

/** The shaped store, or why the agent's `/state` cannot be used (the field and the problem). */
export type ShapedImages = { ok: true; value: AgentImages } | { ok: false; error: string };

class Unusable extends Error {}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function text(v: unknown, at: string): string {
  if (typeof v !== 'string' || v === '') throw new Unusable(`${at}: not a non-empty string (${describe(v)})`);
  return v;
}

function count(v: unknown, at: string): number {
  if (typeof v !== 'number' || !Number.isFinite(v) || v < 0 || !Number.isInteger(v)) throw new Unusable(`${at}: not a whole number of at least 0 (${describe(v)})`);
  return v;
}

function time(v: unknown, at: string): string {
  const s = text(v, at);
  if (Number.isNaN(Date.parse(s))) throw new Unusable(`${at}: not a time (${describe(v)})`);
  return s;
}

function list(v: unknown, at: string): unknown[] {
  if (!Array.isArray(v)) throw new Unusable(`${at}: not a list (${describe(v)})`);
  return v;
}

function describe(v: unknown): string {
  if (v === undefined) return 'missing';
  const json = JSON.stringify(v) ?? String(v);
  return json.length > 40 ? `${json.slice(0, 40)}…` : json;
}

function latest(a: string, b: string): string {
  return Date.parse(b) > Date.parse(a) ? b : a;
}

/**
 * Shape the `image_store` block of an agent's `/state` document. A document
 * without the block is an agent without a layer store (`image_store:
 * false`); anything else that does not fit is refused naming the field.
 */
export function shapeAgentImages(agentId: string, state: unknown): ShapedImages {
  try {
    if (!isObject(state)) throw new Unusable(`/state: not a JSON object (${describe(state)})`);
    const block = state.image_store;
    if (block === undefined || block === null) {
      return { ok: true, value: { agent_id: agentId, image_store: false, images: [], layers: [], totals: { images: 0, layers: 0, bytes: 0 } } };
    }
    if (!isObject(block)) throw new Unusable(`image_store: not an object (${describe(block)})`);
    const layers: AgentLayer[] = list(block.layers, 'image_store.layers').map((l, i) => {
      const at = `image_store.layers[${i}]`;
      if (!isObject(l)) throw new Unusable(`${at}: not an object (${describe(l)})`);
      return { digest: text(l.digest, `${at}.digest`), bytes: count(l.bytes, `${at}.bytes`), holders: count(l.in_use, `${at}.in_use`), last_used: time(l.last_used, `${at}.last_used`) };
    });
    const byDigest = new Map(layers.map((l) => [l.digest, l]));
    const images: AgentImage[] = list(block.images, 'image_store.images').map((m, i) => {
      const at = `image_store.images[${i}]`;
      if (!isObject(m)) throw new Unusable(`${at}: not an object (${describe(m)})`);
      const own = list(m.layers, `${at}.layers`).map((d, j) => text(d, `${at}.layers[${j}]`));
      const pulledAt = time(m.pulled_at, `${at}.pulled_at`);
      const found = own.map((d, j) => {
        const layer = byDigest.get(d);
        if (!layer) throw new Unusable(`${at}.layers[${j}]: ${d} is not among image_store.layers`);
        return layer;
      });
      return {
        reference: text(m.reference, `${at}.reference`),
        digest: text(m.manifest_digest, `${at}.manifest_digest`),
        layers: own,
        bytes: found.reduce((sum, l) => sum + l.bytes, 0),
        pulled_at: pulledAt,
        last_used: found.reduce((t, l) => latest(t, l.last_used), pulledAt),
        in_use: found.length === 0 ? 0 : Math.min(...found.map((l) => l.holders)),
      };
    });
    return {
      ok: true,
      value: {
        agent_id: agentId,
        image_store: true,
        images,
        layers,
        totals: { images: images.length, layers: layers.length, bytes: layers.reduce((sum, l) => sum + l.bytes, 0) },
      },
    };
  } catch (e) {
    if (e instanceof Unusable) return { ok: false, error: e.message };
    throw e;
  }
}

/** `/api/v1/agents/<id>/images` → the agent id, or undefined for other paths. */
export function parseImagesPath(pathname: string): { agentId: string } | undefined {
  const m = /^\/api\/v1\/agents\/([^/]+)\/images$/.exec(pathname);
  if (!m) return undefined;
  try {
    return { agentId: decodeURIComponent(m[1]) };
  } catch {
    return undefined;
  }
}
