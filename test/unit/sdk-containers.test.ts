/**
 * The SDK's ContainerInfo builders make what the master and agents accept
 * (checked against the same validation they run).
 */
import { dockerContainer, podContainer, tarballContainer } from '@meseta/sdk';
import { containerProblem } from '@meseta/proto/container-validation';

describe('container builders', () => {
  it('make a tarball container with network none and a read-only volume', () => {
    const container = tarballContainer('/images/bb.tar.xz', { network: 'none', hostname: 'web', volumes: [{ hostPath: '/data', containerPath: '/data', readOnly: true }] });
    expect(container).toEqual({
      type: 2,
      mesos: { image: { type: 0, tar: { uri: '/images/bb.tar.xz' } } },
      network_infos: [{ mode: 1 }],
      hostname: 'web',
      volumes: [{ host_path: '/data', container_path: '/data', mode: 2 }],
    });
    expect(containerProblem(container)).toBeUndefined();
  });

  it('make a Docker container that can be loaded from a tarball', () => {
    const container = dockerContainer('busybox:1.36', { imageUri: '/images/busybox.tar', network: 'host' });
    expect(container).toEqual({ type: 1, docker: { image: 'busybox:1.36', image_uri: '/images/busybox.tar' }, network_infos: [{ mode: 0 }] });
    expect(containerProblem(container)).toBeUndefined();
  });

  it("make a pod's executor container that names the group's network", () => {
    const container = podContainer('none', 'pod-host');
    expect(container).toEqual({ type: 2, network_infos: [{ mode: 1 }], hostname: 'pod-host' });
    expect(containerProblem(container, 'executor.container', 'executor')).toBeUndefined();
  });
});
