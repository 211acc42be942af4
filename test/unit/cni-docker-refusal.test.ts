/**
 * The docker containerizer runs CNI networks only with
 * `--network-cni-config-dir`: without it, a task or pod naming a CNI
 * network is refused with a message naming the field and the flag, before
 * the daemon is asked anything (the socket here does not exist).
 */
import { DockerContainerizer } from '../../agent/containerizers/docker-containerizer';
import { silentLogger } from '@meseta/runtime/log';

const docker = new DockerContainerizer({ socket: '/nonexistent/meseta-test-docker.sock', logger: silentLogger });

describe('CNI networks on a docker containerizer without --network-cni-config-dir', () => {
  it('refuses a task naming one', async () => {
    await expect(
      docker.launch({
        containerId: 'c1',
        frameworkId: 'fw',
        taskId: 't1',
        task: { name: 't1', task_id: { value: 't1' }, agent_id: { value: 'a' }, container: { type: 1, docker: { image: 'busybox' }, network_infos: [{ name: 'n1' }] } },
        sandboxDir: '/nonexistent',
        stdoutPath: '/dev/null',
        stderrPath: '/dev/null',
        environment: {},
      }),
    ).rejects.toThrow('task.container.network_infos[0].name: "n1" is a CNI network, and this agent has no --network-cni-config-dir');
  });

  it('refuses a pod naming one', async () => {
    await expect(docker.launchPod({ containerId: 'p1', frameworkId: 'fw', resources: [], network: { cni: 'n1', portMappings: [] }, hostname: 'p1' })).rejects.toThrow(
      'executor.container.network_infos[0].name: "n1" is a CNI network, and this agent has no --network-cni-config-dir',
    );
  });

  it('tells no network namespace for a container it does not run', () => {
    expect(docker.networkNamespace('c1')).toBeUndefined();
  });
});
