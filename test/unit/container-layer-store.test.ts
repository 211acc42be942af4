/**
 * The layer store's collection against pulls of cached images, on a store
 * made by hand in a temporary folder (no registry: every image is cached).
 * A pull that leases a layer while a collection is choosing and removing
 * layers must get folders that exist for as long as it holds them.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { silentLogger } from '@meseta/runtime/log';
import { parseImageReference } from '@meseta/proto/image-reference';
import { LayerStore } from '../../agent/containerizers/layer-store';
import type { RegistryClient } from '../../agent/containerizers/registry-client';

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

/** A client that must never be asked: every image in these tests is cached. */
const noRegistry = {
  manifest: () => Promise.reject(new Error('the registry was asked for a manifest')),
  blobText: () => Promise.reject(new Error('the registry was asked for a blob')),
  blobToFile: () => Promise.reject(new Error('the registry was asked for a blob')),
  close: () => undefined,
} as unknown as RegistryClient;

function digestOf(text: string): string {
  return `sha256:${createHash('sha256').update(text).digest('hex')}`;
}

/** Put an image of `layerCount` layers of `bytes` each into the store under `dir`, as a pull leaves it. */
function seedImage(dir: string, reference: string, layerCount: number, bytes: number): string[] {
  const layers = Array.from({ length: layerCount }, (_, i) => digestOf(`${reference} layer ${i}`));
  for (const digest of layers) {
    const layerDir = path.join(dir, 'layers', 'sha256', digest.slice(7));
    fs.mkdirSync(path.join(layerDir, 'rootfs'), { recursive: true });
    fs.writeFileSync(path.join(layerDir, 'rootfs', 'file'), 'x');
    fs.writeFileSync(path.join(layerDir, 'layer.json'), JSON.stringify({ digest, bytes }) + '\n');
  }
  fs.mkdirSync(path.join(dir, 'images'), { recursive: true });
  const image = { reference, manifestDigest: digestOf(`${reference} manifest`), layers, runtime: { entrypoint: [], cmd: ['true'], env: [], diffIds: layers }, pulledAt: new Date().toISOString() };
  fs.writeFileSync(path.join(dir, 'images', `${createHash('sha256').update(reference).digest('hex')}.json`), JSON.stringify(image) + '\n');
  return layers;
}

describe('LayerStore collection beside pulls', () => {
  it('never removes a layer a pull of a cached image has leased, however the two interleave', async () => {
    for (let round = 0; round < 30; round++) {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'meseta-layer-store-'));
      dirs.push(dir);
      const reference = '127.0.0.1:5000/meseta/app:v1';
      seedImage(dir, reference, 6, 100);
      const store = new LayerStore({ dir, client: noRegistry, logger: silentLogger, maxBytes: 1 });
      await store.prepare();
      // The collection starts first and wants every layer (nothing is held);
      // the pull starts a few turns later, at a different point each round.
      const collecting = store.collect();
      for (let i = 0; i < round; i++) await new Promise((r) => setImmediate(r));
      const pulling = store.pull(parseImageReference(reference)).then(
        (pulled) => ({ pulled }),
        (error: Error) => ({ error }),
      );
      const [, outcome] = await Promise.all([collecting, pulling]);
      if ('pulled' in outcome) {
        // Found cached: its folders are there and stay while it is held.
        expect(outcome.pulled.layerDirs.every((d) => fs.existsSync(d))).toBe(true);
        await store.collect();
        expect(outcome.pulled.layerDirs.every((d) => fs.existsSync(d))).toBe(true);
        store.releaseAll(outcome.pulled.layers);
      } else {
        // Collected before the pull leased it: the pull went to the registry.
        expect(outcome.error.message).toMatch(/the registry was asked/);
      }
      store.close();
    }
  });

  it('a pull that leases a layer while the collection is moving it out waits, finds it gone and pulls again, never handing out a vanished folder', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'meseta-layer-store-'));
    dirs.push(dir);
    const reference = '127.0.0.1:5000/meseta/app:v1';
    const layers = seedImage(dir, reference, 3, 100);
    const store = new LayerStore({ dir, client: noRegistry, logger: silentLogger, maxBytes: 1 });
    await store.prepare();
    // Hold the collection's first move of a layer folder until the pull has leased.
    const realRename = fs.promises.rename.bind(fs.promises);
    let release: () => void = () => undefined;
    const gate = new Promise<void>((r) => (release = r));
    let moving: (() => void) | undefined;
    const moveStarted = new Promise<void>((r) => (moving = r));
    const spy = jest.spyOn(fs.promises, 'rename').mockImplementation(async (from, to) => {
      if (String(from).includes(path.join('layers', 'sha256')) && moving) {
        const started = moving;
        moving = undefined;
        started();
        await gate;
      }
      return realRename(from, to);
    });
    try {
      const collecting = store.collect();
      await moveStarted;
      const pulling = store.pull(parseImageReference(reference)).then(
        (pulled) => ({ pulled }),
        (error: Error) => ({ error }),
      );
      for (let i = 0; i < 20; i++) await new Promise((r) => setImmediate(r));
      release();
      const [removed, outcome] = await Promise.all([collecting, pulling]);
      // The pull did not hand out a folder that vanished under it: it let go and asked the registry again
      // (with its lease given up, the collection took the rest too).
      expect('pulled' in outcome ? outcome.pulled.layerDirs.filter((d) => !fs.existsSync(d)) : []).toEqual([]);
      expect('error' in outcome && outcome.error.message).toMatch(/the registry was asked/);
      expect(removed.sort()).toEqual([...layers].sort());
    } finally {
      spy.mockRestore();
      store.close();
    }
  });

  it('collects the least recently used layers nobody holds down to the limit, and keeps held ones', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'meseta-layer-store-'));
    dirs.push(dir);
    const held = seedImage(dir, '127.0.0.1:5000/meseta/held:1', 2, 100);
    const free = seedImage(dir, '127.0.0.1:5000/meseta/free:1', 2, 100);
    const store = new LayerStore({ dir, client: noRegistry, logger: silentLogger, maxBytes: 150 });
    await store.prepare();
    store.leaseAll(held);
    const removed = await store.collect();
    expect(removed.sort()).toEqual([...free].sort());
    expect(held.every((d) => fs.existsSync(store.layerDir(d)))).toBe(true);
    store.releaseAll(held);
    expect(await store.collect()).toHaveLength(1);
    store.close();
  });
});
