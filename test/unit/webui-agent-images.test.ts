/**
 * The agent images relay's pure parts: shaping an agent's `/state`
 * image-store block (sizes, last use, holders; refusals naming the field),
 * its path, where a refusal names it, and the target planning it shares
 * with the files proxy.
 */
import { parseImagesPath, shapeAgentImages } from '../../master/agent-images';
import { agentEndpoint } from '../../master/auth/http-guard';
import { planAgentTarget } from '../../master/http-agent-proxy';

const L1 = 'sha256:' + '1'.repeat(64);
const L2 = 'sha256:' + '2'.repeat(64);
const L3 = 'sha256:' + '3'.repeat(64);

function store(images: unknown[], layers: unknown[]): Record<string, unknown> {
  return { id: 'a1', tasks: [], image_store: { images, layers } };
}

const LAYERS = [
  { digest: L1, bytes: 1000, in_use: 2, last_used: '2026-12-06T08:00:00.000Z' },
  { digest: L2, bytes: 200, in_use: 1, last_used: '2026-12-06T08:10:00.000Z' },
  { digest: L3, bytes: 30, in_use: 0, last_used: '2026-12-06T07:00:00.000Z' },
];

describe('shapeAgentImages', () => {
  it('sums each image\'s layers, takes their latest use and their fewest holders; totals count each layer once', () => {
    const shaped = shapeAgentImages(
      'a1',
      store(
        [
          { reference: 'r/app:v1', manifest_digest: 'sha256:aa', layers: [L1, L2], pulled_at: '2026-12-06T07:30:00.000Z' },
          { reference: 'r/base:v1', manifest_digest: 'sha256:bb', layers: [L1, L3], pulled_at: '2026-12-06T07:40:00.000Z' },
          { reference: 'r/empty:v1', manifest_digest: 'sha256:cc', layers: [], pulled_at: '2026-12-06T07:50:00.000Z' },
        ],
        LAYERS,
      ),
    );
    expect(shaped).toEqual({
      ok: true,
      value: {
        agent_id: 'a1',
        image_store: true,
        images: [
          { reference: 'r/app:v1', digest: 'sha256:aa', layers: [L1, L2], bytes: 1200, pulled_at: '2026-12-06T07:30:00.000Z', last_used: '2026-12-06T08:10:00.000Z', in_use: 1 },
          { reference: 'r/base:v1', digest: 'sha256:bb', layers: [L1, L3], bytes: 1030, pulled_at: '2026-12-06T07:40:00.000Z', last_used: '2026-12-06T08:00:00.000Z', in_use: 0 },
          { reference: 'r/empty:v1', digest: 'sha256:cc', layers: [], bytes: 0, pulled_at: '2026-12-06T07:50:00.000Z', last_used: '2026-12-06T07:50:00.000Z', in_use: 0 },
        ],
        layers: [
          { digest: L1, bytes: 1000, holders: 2, last_used: '2026-12-06T08:00:00.000Z' },
          { digest: L2, bytes: 200, holders: 1, last_used: '2026-12-06T08:10:00.000Z' },
          { digest: L3, bytes: 30, holders: 0, last_used: '2026-12-06T07:00:00.000Z' },
        ],
        totals: { images: 3, layers: 3, bytes: 1230 },
      },
    });
  });

  it.each([
    ['no image_store block (no runc containerizer)', { id: 'a1', tasks: [] }, { image_store: false, images: [], layers: [], totals: { images: 0, layers: 0, bytes: 0 } }],
    ['an empty store', store([], []), { image_store: true, images: [], layers: [], totals: { images: 0, layers: 0, bytes: 0 } }],
  ])('%s', (_name, state, expected) => {
    expect(shapeAgentImages('a1', state)).toEqual({ ok: true, value: { agent_id: 'a1', ...expected } });
  });

  const image = { reference: 'r/app:v1', manifest_digest: 'sha256:aa', layers: [L1], pulled_at: '2026-12-06T07:30:00.000Z' };
  it.each<[string, unknown, string]>([
    ['not an object', [1], '/state: not a JSON object ([1])'],
    ['a null document', null, '/state: not a JSON object (null)'],
    ['image_store a string', { image_store: 'x' }, 'image_store: not an object ("x")'],
    ['layers missing', { image_store: { images: [] } }, 'image_store.layers: not a list (missing)'],
    ['images not a list', { image_store: { images: {}, layers: [] } }, 'image_store.images: not a list ({})'],
    ['a layer not an object', store([], [7]), 'image_store.layers[0]: not an object (7)'],
    ['a layer without digest', store([], [{ bytes: 1, in_use: 0, last_used: '2026-12-06T07:00:00Z' }]), 'image_store.layers[0].digest: not a non-empty string (missing)'],
    ['negative bytes', store([], [{ ...LAYERS[0], bytes: -1 }]), 'image_store.layers[0].bytes: not a whole number of at least 0 (-1)'],
    ['fractional holders', store([], [{ ...LAYERS[0], in_use: 0.5 }]), 'image_store.layers[0].in_use: not a whole number of at least 0 (0.5)'],
    ['bytes as text', store([], [{ ...LAYERS[0], bytes: '1000' }]), 'image_store.layers[0].bytes: not a whole number of at least 0 ("1000")'],
    ['last_used not a time', store([], [{ ...LAYERS[0], last_used: 'yesterday' }]), 'image_store.layers[0].last_used: not a time ("yesterday")'],
    ['an image without reference', store([{ ...image, reference: '' }], [LAYERS[0]]), 'image_store.images[0].reference: not a non-empty string ("")'],
    ['an image without manifest digest', store([{ ...image, manifest_digest: undefined }], [LAYERS[0]]), 'image_store.images[0].manifest_digest: not a non-empty string (missing)'],
    ['an image layer that is a number', store([{ ...image, layers: [5] }], [LAYERS[0]]), 'image_store.images[0].layers[0]: not a non-empty string (5)'],
    ['an image naming a layer not in the store', store([{ ...image, layers: [L2] }], [LAYERS[0]]), `image_store.images[0].layers[0]: ${L2} is not among image_store.layers`],
    ['a long value cut short', { image_store: 'x'.repeat(100) }, `image_store: not an object ("${'x'.repeat(39)}…)`],
  ])('refuses %s naming the field', (_name, state, error) => {
    expect(shapeAgentImages('a1', state)).toEqual({ ok: false, error });
  });
});

describe('parseImagesPath and agentEndpoint', () => {
  it.each<[string, { agentId: string } | undefined, string | undefined]>([
    ['/api/v1/agents/a1/images', { agentId: 'a1' }, '/api/v1/agents/…/images'],
    ['/api/v1/agents/a%2F1/images', { agentId: 'a/1' }, '/api/v1/agents/…/images'],
    ['/api/v1/agents/%E0%A4%A/images', undefined, '/api/v1/agents/…/files'],
    ['/api/v1/agents/a1/images/x', undefined, '/api/v1/agents/…/files'],
    ['/api/v1/agents/a1/files/read', undefined, '/api/v1/agents/…/files'],
    ['/api/v1/agents//images', undefined, '/api/v1/agents/…/files'],
    ['/state', undefined, undefined],
  ])('%s', (pathname, parsed, endpoint) => {
    expect(parseImagesPath(pathname)).toEqual(parsed);
    expect(agentEndpoint(pathname)).toBe(endpoint);
  });
});

describe('planAgentTarget', () => {
  const up = { hostname: '127.0.0.1', port: 5051, status: 'ACTIVE' };
  it.each<[string, Parameters<typeof planAgentTarget>[1], ReturnType<typeof planAgentTarget>]>([
    ['an active agent', up, { ok: true, hostname: '127.0.0.1', port: 5051 }],
    ['an unknown agent', undefined, { ok: false, status: 404, error: 'no such agent: a1' }],
    ['a gone agent', { ...up, status: 'GONE' }, { ok: false, status: 410, error: 'agent a1 is gone; its cached images cannot be read' }],
    ['a disconnected agent', { ...up, status: 'DISCONNECTED' }, { ok: false, status: 503, error: 'agent a1 is disconnected; its cached images can be read once it is connected again' }],
    ['an unreachable agent', { ...up, status: 'UNREACHABLE' }, { ok: false, status: 503, error: 'agent a1 is unreachable; its cached images can be read once it is connected again' }],
    ['a host with a path in it', { ...up, hostname: 'h/x' }, { ok: false, status: 502, error: 'agent a1 registered no usable address' }],
    ['port 0', { ...up, port: 0 }, { ok: false, status: 502, error: 'agent a1 registered no usable address' }],
  ])('%s', (_name, agent, expected) => {
    expect(planAgentTarget('a1', agent, 'its cached images')).toEqual(expected);
  });
});
