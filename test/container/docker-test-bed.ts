/**
 * The setting of a container test file that needs Docker: the test dockerd
 * (started when none answers), a busybox image built locally and imported
 * under a name of the file's own, and an agent with the given
 * containerizers; all removed again after the file's tests, every step even
 * when one fails.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { DockerEngine } from '../../agent/containerizers/docker-engine';
import { buildBusyboxImage, type BusyboxImage } from '../setup/busybox-rootfs';
import { ensureDockerDaemon, type DockerDaemon } from '../setup/docker';
import { cleanUpAll, removeTestImages, startContainerAgent, type ContainerAgent } from './container-agent';
import { engineAt, importImage } from './docker-helpers';

/** What the file's tests use; filled in by the `beforeAll` {@link useDockerTestBed} registers. */
export interface DockerTestBed {
  daemon: DockerDaemon;
  engine: DockerEngine;
  images: BusyboxImage;
  imageDir: string;
  test: ContainerAgent;
  /** Docker image ids removed at the end (the busybox one, and any a test adds). */
  imageIds: Set<string>;
}

/** Register the file's `beforeAll`/`afterAll` and return the bed they fill and empty. */
export function useDockerTestBed(options: { name: string; busybox: string; containerizers: string[] }): DockerTestBed {
  const bed = { imageIds: new Set<string>() } as DockerTestBed;
  beforeAll(async () => {
    bed.daemon = await ensureDockerDaemon();
    bed.engine = engineAt(bed.daemon.socket);
    bed.imageDir = fs.mkdtempSync(path.join(os.tmpdir(), `meseta-${options.name}-images-`));
    bed.images = buildBusyboxImage(bed.imageDir);
    bed.imageIds.add(await importImage(bed.engine, bed.images.tar, options.busybox));
    bed.test = await startContainerAgent({ containerizers: options.containerizers, dockerSocket: bed.daemon.socket });
  }, 180_000);
  afterAll(
    () =>
      cleanUpAll(
        () => bed.test?.stop(),
        () => bed.engine && removeTestImages(bed.engine, bed.imageIds),
        () => bed.engine?.close(),
        () => bed.daemon?.stop(),
        () => bed.imageDir && fs.rmSync(bed.imageDir, { recursive: true, force: true }),
      ),
    60_000,
  );
  return bed;
}
