/**
 * Docker Engine API calls the container tests make themselves (through the
 * agent's own client): importing the busybox image, saving an image to a
 * `docker save` tarball, inspecting and listing containers, and removing
 * images by id at the end.
 */
import * as fs from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { DockerEngine } from '../../agent/containerizers/docker-engine';

/** A client of the test daemon. */
export function engineAt(socket: string): DockerEngine {
  return new DockerEngine(socket);
}

/** Import a root filesystem tarball as `name`; returns the image id. */
export async function importImage(engine: DockerEngine, tarball: string, name: string): Promise<string> {
  const [repo, tag] = name.split(':');
  const response = await engine.stream('POST', '/images/create', { query: { fromSrc: '-', repo, tag }, body: fs.createReadStream(tarball) });
  for await (const chunk of response) void chunk;
  return imageId(engine, name);
}

/** The id of the image called `name`. */
export async function imageId(engine: DockerEngine, name: string): Promise<string> {
  return (await engine.call<{ Id: string }>('GET', `/images/${encodeURIComponent(name)}/json`)).body.Id;
}

/** Write `docker save` of `name` to `file`. */
export async function saveImage(engine: DockerEngine, name: string, file: string): Promise<void> {
  const response = await engine.stream('GET', `/images/${encodeURIComponent(name)}/get`);
  await pipeline(response, fs.createWriteStream(file));
}

/** Remove images by id (and every tag they carry); missing ones are fine. */
export async function removeImages(engine: DockerEngine, ids: Iterable<string>): Promise<void> {
  for (const id of ids) await engine.call('DELETE', `/images/${id}`, { query: { force: 1 } }).catch(() => undefined);
}

/** Inspect a container by id or name; undefined when Docker has none. */
export async function inspectContainer(engine: DockerEngine, reference: string): Promise<Record<string, any> | undefined> {
  try {
    return (await engine.call<Record<string, any>>('GET', `/containers/${encodeURIComponent(reference)}/json`)).body;
  } catch {
    return undefined;
  }
}
