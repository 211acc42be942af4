/**
 * CNI networks for runc and Docker containers, end to end, inside a network
 * namespace this test makes (`ip netns add meseta-cni-test-<pid>`): a real
 * master (with its DNS server) and agent (tar and docker containerizers)
 * started with `ip netns exec` (listening on that namespace's 127.0.0.1),
 * a bridge network on 169.254.200.0/24 (host-local addresses under the
 * test's temp dir, no masquerade, no default route), and `meseta run
 * --network cni:<name> --port-mapping` of busybox httpd. The container is
 * reached on its own address and through the port mapping from inside the
 * namespace; its address shows in the agent's and master's state; a
 * health-checked task goes healthy (checked from inside its namespace) and
 * the watch API and `dig` give its own address; after the kill no veth,
 * address allocation or portmap rule is left, and the host's own namespace
 * has no new link. The Docker daemon (test/setup/docker.ts) runs in the
 * host's namespace with no bridge; its containers get network `none` and
 * the agent's CNI plugins attach them.
 *
 * Needs (installed here when missing, else the test fails naming them):
 * iproute2, runc, busybox-static, iptables, curl, containernetworking-plugins,
 * docker.io, bind9-dnsutils (dig), util-linux (nsenter).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { randomBytes } from 'node:crypto';
import { MesetaProcess } from '../harness/meseta-process';
import { artifactsDir } from '../harness/paths';
import { waitFor } from '../harness/wait-for';
import { buildBusyboxImage, type BusyboxImage } from '../setup/busybox-rootfs';
import { ensurePackages } from '../setup/packages';
import { removeCgroupRoot } from './container-agent';
import { ensureDockerDaemon, type DockerDaemon } from '../setup/docker';
import { engineAt, importImage, removeImages } from './docker-helpers';
import { taskLabel } from '../../master/discovery/dns-zone';

const NS = `meseta-cni-test-${process.pid}`;
const NETWORK = 'meseta-cni-test';
const BRIDGE = `mcni${process.pid % 100000}`;
const SUBNET_PREFIX = '169.254.200.';
const PLUGINS_DIR = '/usr/lib/cni';
const WAIT_MS = 60_000;
const DOCKER_IMAGE = `meseta-cni-busybox:${process.pid}`;
const BROKEN_NETWORK = 'meseta-cni-broken';

const inNs = (...args: string[]): string => execFileSync('ip', ['netns', 'exec', NS, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
const hostLinks = (): string[] =>
  execFileSync('ip', ['-o', 'link'], { encoding: 'utf8' })
    .split('\n')
    .map((l) => l.split(':')[1]?.trim().split('@')[0])
    .filter((n): n is string => !!n)
    .sort();
/** GET a URL from inside the test namespace (curl; busybox-static's wget crashes here); undefined when it fails. */
function fetchInNs(url: string): string | undefined {
  const r = spawnSync('ip', ['netns', 'exec', NS, 'curl', '-sf', '--max-time', '3', url], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout : undefined;
}

/**
 * `ip netns exec` mounts a fresh sysfs on /sys in a mount namespace of its
 * own, which hides the cgroup filesystems under /sys/fs/cgroup; the agent
 * needs them, so its shell mounts the same hierarchies again there (only
 * in that mount namespace) before it execs node.
 */
function remountCgroups(): string {
  const quote = (text: string): string => `'${text.replace(/'/g, "'\\''")}'`;
  const lines = fs.readFileSync('/proc/self/mounts', 'utf8').split('\n').map((l) => l.split(' '));
  const steps: string[] = [];
  for (const [, mountPoint, type, options] of lines) {
    if (!mountPoint?.startsWith('/sys/fs/cgroup')) continue;
    if (type === 'tmpfs' && mountPoint === '/sys/fs/cgroup') steps.push(`mount -t tmpfs -o ${quote(options)} tmpfs /sys/fs/cgroup`);
    else if (type === 'cgroup' || type === 'cgroup2') steps.push(`mkdir -p ${quote(mountPoint)} && mount -t ${type} -o ${quote(options)} ${type} ${quote(mountPoint)}`);
  }
  if (steps.length === 0) throw new Error('no cgroup filesystem is mounted under /sys/fs/cgroup; the tar containerizer needs one');
  return steps.join(' && ');
}

/** Start (or start again, on the same work dir) the agent inside the namespace. */
async function startAgent(): Promise<void> {
  agent = new MesetaProcess(
    [
      'agent',
      '--master', `127.0.0.1:${masterPort}`,
      '--ip', '127.0.0.1',
      '--hostname', '127.0.0.1',
      '--port', '0',
      '--work-dir', path.join(tmp, 'agent'),
      '--containerizers', 'tar,docker',
      '--docker-socket', docker!.socket,
      '--cgroups-root', cgroupsRoot,
      '--resources', 'cpus:2;mem:1024;ports:[8000-9000]',
      '--network-cni-config-dir', configDir,
      '--network-cni-plugins-dir', PLUGINS_DIR,
    ],
    { label: 'agent', logDir, wrap: nsWrap },
  );
  agentPort = Number((await agent.waitForLine(/^meseta agent listening on [^\s:]+:(\d+)\s*$/, WAIT_MS, 'agent listening'))[1]);
}

let tmp: string;
let configDir: string;
let image: BusyboxImage;
let linksBefore: string[];
let master: MesetaProcess | undefined;
let agent: MesetaProcess | undefined;
let run: MesetaProcess | undefined;
let masterPort = 0;
let agentPort = 0;
let nsMade = false;
let docker: DockerDaemon | undefined;
let dockerImageId: string | undefined;
let masterDns = 0;
let nsWrap: string[] = [];
const cgroupsRoot = `meseta-cni-test-${randomBytes(4).toString('hex')}`;
const logDir = artifactsDir('cni-networks');

beforeAll(async () => {
  ensurePackages([
    { binary: 'ip', package: 'iproute2' },
    { binary: 'runc', package: 'runc' },
    { binary: 'busybox', package: 'busybox-static' },
    { binary: 'iptables', package: 'iptables' },
    { binary: 'curl', package: 'curl' },
    { binary: 'dig', package: 'bind9-dnsutils' },
    { binary: 'nsenter', package: 'util-linux' },
  ]);
  if (!fs.existsSync(path.join(PLUGINS_DIR, 'bridge'))) {
    const r = spawnSync('sh', ['-c', 'apt-get update && apt-get install -y containernetworking-plugins'], { encoding: 'utf8', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
    if (r.status !== 0 || !fs.existsSync(path.join(PLUGINS_DIR, 'bridge'))) {
      throw new Error(`this test needs the CNI plugins in ${PLUGINS_DIR}: apt-get install -y containernetworking-plugins (${(r.stderr ?? '').trim().split('\n').pop() ?? ''})`);
    }
  }
  linksBefore = hostLinks();
  tmp = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'meseta-cni-')));
  image = buildBusyboxImage(tmp);
  docker = await ensureDockerDaemon();
  dockerImageId = await importImage(engineAt(docker.socket), image.tar, DOCKER_IMAGE);
  configDir = path.join(tmp, 'cni-conf');
  fs.mkdirSync(configDir);
  fs.writeFileSync(
    path.join(configDir, `${NETWORK}.conflist`),
    JSON.stringify({
      cniVersion: '1.0.0',
      name: NETWORK,
      plugins: [
        // No ipMasq and no routes: nothing leads out of the subnet.
        { type: 'bridge', bridge: BRIDGE, isGateway: true, ipMasq: false, ipam: { type: 'host-local', subnet: `${SUBNET_PREFIX}0/24`, dataDir: path.join(tmp, 'ipam') } },
        { type: 'portmap', capabilities: { portMappings: true } },
      ],
    }),
  );
  // A network whose chain fails after the bridge gave an address (tuning refuses a sysctl that does not exist): ADD is undone.
  fs.writeFileSync(
    path.join(configDir, 'broken.conflist'),
    JSON.stringify({
      cniVersion: '1.0.0',
      name: BROKEN_NETWORK,
      plugins: [
        { type: 'bridge', bridge: `${BRIDGE}b`, isGateway: true, ipMasq: false, ipam: { type: 'host-local', subnet: '169.254.201.0/24', dataDir: path.join(tmp, 'ipam') } },
        { type: 'tuning', sysctl: { 'net.meseta.no-such-setting': '1' } },
      ],
    }),
  );
  execFileSync('ip', ['netns', 'add', NS]);
  nsMade = true;
  execFileSync('ip', ['-n', NS, 'link', 'set', 'lo', 'up']);
  nsWrap = ['ip', 'netns', 'exec', NS, 'sh', '-c', `${remountCgroups()} && exec "$0" "$@"`];
  master = new MesetaProcess(['master', '--ip', '127.0.0.1', '--port', '0', '--dns-port', '0', '--dns-ttl', '1s', '--allocation-interval', '100ms'], { label: 'master', logDir, wrap: nsWrap });
  masterPort = Number((await master.waitForLine(/^meseta master listening on [^\s:]+:(\d+)\s*$/, WAIT_MS, 'master listening'))[1]);
  masterDns = Number((await master.waitForLine(/^meseta master dns on [^\s:]+:(\d+)\s*$/, WAIT_MS, 'master dns'))[1]);
  await startAgent();
}, 600_000);

afterAll(async () => {
  const steps: Array<() => unknown> = [
    () => run?.stop(),
    () => agent?.stop(),
    () => master?.stop(),
    () => removeCgroupRoot(cgroupsRoot),
    () => docker && dockerImageId && removeImages(engineAt(docker.socket), [dockerImageId]),
    () => docker?.stop(),
    () => nsMade && execFileSync('ip', ['netns', 'delete', NS]),
    () => tmp && fs.rmSync(tmp, { recursive: true, force: true }),
  ];
  for (const step of steps) {
    try {
      await step();
    } catch (e) {
      process.stderr.write(`cleanup step failed: ${(e as Error).message}\n`);
    }
  }
}, 120_000);

/**
 * Start `meseta run` with `args` inside the namespace, then check: the
 * address in the agent's /state and the master's /master/state, httpd
 * reached on that address and through host port 8080, one host-local
 * allocation and a portmap rule; after the run is stopped (its tasks
 * killed): no veth, allocation, portmap rule, per-container namespace or
 * new host link.
 */
async function servedThenCleanedUp(label: string, args: string[], beforeKill?: (address: string) => Promise<void>): Promise<void> {
  // Addresses of tasks that ran before (the agent still lists them) are not this run's.
  const addresses = (text: string | undefined): string[] => [...(text ?? '').matchAll(/"ip_address":\s*"(169\.254\.200\.\d+)"/g)].map((m) => m[1]);
  const earlier = new Set([...addresses(fetchInNs(`http://127.0.0.1:${agentPort}/state`)), ...addresses(fetchInNs(`http://127.0.0.1:${masterPort}/master/state`))]);
  const addressIn = (text: string | undefined): string | undefined => addresses(text).find((a) => !earlier.has(a));
  run = new MesetaProcess(['run', '--master', `127.0.0.1:${masterPort}`, ...args], { label, logDir, wrap: ['ip', 'netns', 'exec', NS] });
  let lastState: string | undefined;
  const address = await waitFor(
    () => addressIn((lastState = fetchInNs(`http://127.0.0.1:${agentPort}/state`))),
    WAIT_MS,
    "the task's CNI address in the agent's /state",
  ).catch((e: Error) => {
    throw new Error(`${e.message}; last /state: ${lastState?.slice(0, 3000) ?? '(no answer)'}`);
  });
  expect(address.startsWith(SUBNET_PREFIX)).toBe(true);
  expect(await waitFor(() => addressIn(fetchInNs(`http://127.0.0.1:${masterPort}/master/state`)), WAIT_MS, "the task's CNI address in the master's /master/state")).toBe(address);

  // Its own address, then the port mapping on the namespace's side of the bridge.
  expect(await waitFor(() => fetchInNs(`http://${address}:80/`), WAIT_MS, 'httpd on the container address')).toBe('hello-cni\n');
  expect(await waitFor(() => fetchInNs(`http://${SUBNET_PREFIX}1:8080/`), WAIT_MS, 'httpd through host port 8080')).toBe('hello-cni\n');
  expect(inNs('iptables-save', '-t', 'nat')).toContain('--dport 8080');
  const allocations = (): string[] => fs.readdirSync(path.join(tmp, 'ipam', NETWORK)).filter((f) => f.startsWith(SUBNET_PREFIX));
  expect(allocations()).toEqual([address]);

  if (beforeKill) {
    await beforeKill(address);
    expect(await waitFor(() => fetchInNs(`http://${address}:80/`), WAIT_MS, 'httpd on the container address after the hook')).toBe('hello-cni\n');
  }

  // Kill (meseta run stops its tasks on SIGTERM) and check the cleanup.
  await run!.stop();
  run = undefined;
  const veths = (): string[] => inNs('ip', '-o', 'link', 'show', 'type', 'veth').split('\n').filter((l) => l.trim() !== '');
  await waitFor(() => veths().length === 0 && allocations().length === 0, WAIT_MS, 'no veth and no address allocation left');
  const nat = inNs('iptables-save', '-t', 'nat');
  expect(nat).not.toContain('--dport 8080');
  expect(nat).not.toMatch(/-A CNI-DN-/);
  // The agent's namespaces are meseta-<container id>; other test runs' meseta-cni-test-<pid> are not ours to judge.
  expect(fs.readdirSync('/run/netns').filter((n) => n.startsWith('meseta-') && !n.startsWith('meseta-cni-test-'))).toEqual([]);
  expect(fs.readdirSync(path.join(tmp, 'agent')).includes('docker-cni') ? fs.readdirSync(path.join(tmp, 'agent', 'docker-cni')) : []).toEqual([]);
  expect(hostLinks()).toEqual(linksBefore);
}

/** `dig` from inside the namespace against the master's DNS server: the short answer lines. */
function digInNs(type: string, name: string): string[] {
  return inNs('dig', '@127.0.0.1', '-p', String(masterDns), '+tries=1', '+time=2', '+short', type, name).trim().split('\n').filter(Boolean);
}

/** The first event of the watch API (SSE) from inside the namespace: its data. */
function watchSnapshot(query: string): { instances: Array<{ ip: string; taskId: string; ports: Array<{ number: number; name: string }>; visibility: string }> } | undefined {
  const r = spawnSync('ip', ['netns', 'exec', NS, 'curl', '-sN', '--max-time', '2', `http://127.0.0.1:${masterPort}/api/v1/discovery/watch?${query}`], { encoding: 'utf8' });
  const data = /^event: snapshot\nid: [^\n]*\ndata: (.*)$/m.exec(r.stdout)?.[1];
  return data ? JSON.parse(data) : undefined;
}

/**
 * A hook for {@link servedThenCleanedUp} of a task published as `service`
 * by `meseta run` (framework `meseta-run <task name>`) with a health check:
 * it goes healthy (its check ran in its namespace: the agent's 127.0.0.1
 * has nothing on that port), then the watch API and `dig` (A and SRV) give
 * its own address and the port it listens on, which answers.
 */
function publishedOnItsAddress(service: string, taskName: string): (address: string) => Promise<void> {
  return async (address) => {
    const framework = `meseta-run-${taskName}`;
    const snapshot = await waitFor(() => {
      const s = watchSnapshot(`service=${service}`);
      return s && s.instances.length === 1 ? s : undefined;
    }, WAIT_MS, `the healthy task in the watch API's snapshot of ${service}`);
    const [endpoint] = snapshot.instances;
    expect(endpoint.ip).toBe(address);
    expect(endpoint.visibility).toBe('CLUSTER');
    const port = endpoint.ports.find((p) => p.name === 'http')?.number;
    expect(port).toBeGreaterThan(0);
    expect(await waitFor(() => fetchInNs(`http://${address}:${port}/`), WAIT_MS, 'httpd on the published address and port')).toBe('hello-cni\n');
    expect(await waitFor(() => (digInNs('A', `${service}.${framework}.meseta.`).length > 0 ? digInNs('A', `${service}.${framework}.meseta.`) : undefined), WAIT_MS, 'dig A')).toEqual([address]);
    expect(digInNs('SRV', `_http._tcp.${service}.${framework}.meseta.`)).toEqual([`0 1 ${port} ${taskLabel(endpoint)}.${service}.${framework}.meseta.`]);
    // Visibility: a CLUSTER task is not for an external audience, in the watch as in DNS.
    expect(watchSnapshot(`service=${service}&visibility=external`)?.instances).toEqual([]);
  };
}

const HTTPD = 'mkdir -p /www && echo hello-cni > /www/index.html && exec httpd -f -p 80 -h /www';
/** httpd on 80 (the health check's port) and on $PORT0 (the port it publishes). */
const HTTPD_TWO_PORTS = 'mkdir -p /www && echo hello-cni > /www/index.html && httpd -p 80 -h /www && exec httpd -f -p $PORT0 -h /www';
const DISCOVERY = ['--ports', '1', '--discovery-port', 'http', '--health-check', 'http:80/', '--health-interval', '1s'];

describe('CNI networks', () => {
  it('a runc container: reached on its own address and through its port mapping, address in state, nothing left after the kill', async () => {
    await servedThenCleanedUp('run', ['--name', 'web', '--rootfs', image.tar, '--network', `cni:${NETWORK}`, '--port-mapping', '8080:80', '--command', HTTPD]);
  }, 300_000);

  it('a pod: its members share the address of the pod; nothing left after the kill', async () => {
    await servedThenCleanedUp('run-pod', ['--name', 'pod', '--rootfs', image.tar, '--network', `cni:${NETWORK}`, '--port-mapping', '8080:80', '--command', HTTPD, '--group', 'exec sleep 3600']);
  }, 300_000);

  it('a container adopted by a restarted agent: its CNI DEL runs from the checkpoint when it is killed', async () => {
    await servedThenCleanedUp('run-recovered', ['--name', 'adopted', '--rootfs', image.tar, '--network', `cni:${NETWORK}`, '--port-mapping', '8080:80', '--command', HTTPD], async () => {
      // The agent dies without a word; its container goes on; a new agent on the same work dir adopts it.
      agent?.kill('SIGKILL');
      await agent?.exited;
      await startAgent();
    });
  }, 300_000);

  it('a Docker container: reached on its own address and through its port mapping, address in state, nothing left after the kill', async () => {
    await servedThenCleanedUp('run-docker', ['--name', 'dweb', '--docker-image', DOCKER_IMAGE, '--network', `cni:${NETWORK}`, '--port-mapping', '8080:80', '--command', HTTPD]);
  }, 300_000);

  it('a Docker pod: its members share the address of the pod; nothing left after the kill', async () => {
    await servedThenCleanedUp('run-docker-pod', ['--name', 'dpod', '--docker-image', DOCKER_IMAGE, '--network', `cni:${NETWORK}`, '--port-mapping', '8080:80', '--command', HTTPD, '--group', 'exec sleep 3600']);
  }, 300_000);

  it('a Docker container adopted by a restarted agent: its CNI DEL runs from the checkpoint when it is killed', async () => {
    await servedThenCleanedUp('run-docker-recovered', ['--name', 'dadopted', '--docker-image', DOCKER_IMAGE, '--network', `cni:${NETWORK}`, '--port-mapping', '8080:80', '--command', HTTPD], async () => {
      agent?.kill('SIGKILL');
      await agent?.exited;
      await startAgent();
    });
  }, 300_000);

  it('a health-checked Docker task goes healthy, checked in its namespace; watch and dig give its own address', async () => {
    await servedThenCleanedUp(
      'run-docker-discovery',
      ['--name', 'dfind', '--docker-image', DOCKER_IMAGE, '--network', `cni:${NETWORK}`, '--port-mapping', '8080:80', '--command', HTTPD_TWO_PORTS, ...DISCOVERY, '--discovery-name', 'dfind'],
      publishedOnItsAddress('dfind', 'dfind'),
    );
  }, 300_000);

  it('a health-checked runc task goes healthy, checked in its namespace; watch and dig give its own address', async () => {
    await servedThenCleanedUp(
      'run-runc-discovery',
      ['--name', 'rfind', '--rootfs', image.tar, '--network', `cni:${NETWORK}`, '--port-mapping', '8080:80', '--command', HTTPD_TWO_PORTS, ...DISCOVERY, '--discovery-name', 'rfind'],
      publishedOnItsAddress('rfind', 'rfind'),
    );
  }, 300_000);

  it('a Docker container whose CNI chain fails: the task fails naming the plugin; its address is released and the container removed', async () => {
    const broken = new MesetaProcess(['run', '--master', `127.0.0.1:${masterPort}`, '--name', 'dbroken', '--docker-image', DOCKER_IMAGE, '--network', `cni:${BROKEN_NETWORK}`, '--command', 'exec sleep 3600'], {
      label: 'run-docker-broken', logDir, wrap: ['ip', 'netns', 'exec', NS],
    });
    run = broken;
    const exit = await broken.exited;
    run = undefined;
    expect(exit.code).not.toBe(0);
    expect(broken.stdout() + broken.stderr()).toMatch(/TASK_FAILED: .*the container could not join its CNI network: network meseta-cni-broken: CNI plugin tuning: /);
    const allocations = fs.existsSync(path.join(tmp, 'ipam', BROKEN_NETWORK)) ? fs.readdirSync(path.join(tmp, 'ipam', BROKEN_NETWORK)).filter((f) => f.startsWith('169.254.201.')) : [];
    expect(allocations).toEqual([]);
    const containers = await engineAt(docker!.socket).call<unknown[]>('GET', '/containers/json', { query: { all: 1, filters: JSON.stringify({ label: ['meseta.task_id'], name: ['meseta-'] }) } });
    expect((containers.body as Array<{ Labels: Record<string, string> }>).filter((c) => c.Labels['meseta.task_id']?.startsWith('dbroken-'))).toEqual([]);
    expect(fs.readdirSync(path.join(tmp, 'agent', 'docker-cni'))).toEqual([]);
  }, 300_000);

  it('an agent whose CNI plugins are missing does not start, naming the package', async () => {
    const bad = new MesetaProcess(
      ['agent', '--master', `127.0.0.1:${masterPort}`, '--ip', '127.0.0.1', '--port', '0', '--work-dir', path.join(tmp, 'no-plugins-agent'), '--containerizers', 'tar', '--network-cni-config-dir', configDir, '--network-cni-plugins-dir', path.join(tmp, 'no-plugins')],
      { label: 'no-plugins-agent', logDir, wrap: ['ip', 'netns', 'exec', NS] },
    );
    const exit = await bad.exited;
    expect(exit.code).not.toBe(0);
    expect(bad.stderr()).toContain(`--network-cni-plugins-dir: ${path.join(tmp, 'no-plugins')} does not exist (apt-get install containernetworking-plugins)`);
  }, 120_000);

  it('an agent with a bad network config file does not start, naming the file', async () => {
    const badDir = path.join(tmp, 'bad-conf');
    fs.mkdirSync(badDir);
    fs.writeFileSync(path.join(badDir, 'broken.conflist'), JSON.stringify({ cniVersion: '1.0.0', name: 'broken', plugins: [] }));
    const bad = new MesetaProcess(
      ['agent', '--master', `127.0.0.1:${masterPort}`, '--ip', '127.0.0.1', '--port', '0', '--work-dir', path.join(tmp, 'bad-agent'), '--containerizers', 'tar', '--network-cni-config-dir', badDir],
      { label: 'bad-agent', logDir, wrap: ['ip', 'netns', 'exec', NS] },
    );
    const exit = await bad.exited;
    expect(exit.code).not.toBe(0);
    expect(bad.stderr()).toContain(`--network-cni-config-dir: ${path.join(badDir, 'broken.conflist')}: plugins: required, a non-empty list`);
  }, 120_000);
});
