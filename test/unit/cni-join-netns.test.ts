/**
 * Attaching a container whose network namespace the runtime made (a
 * Docker container's `/proc/<pid>/ns/net`): ADD runs in it, the checkpoint
 * records that the namespace is not ours and its inode, and DEL enters it
 * only while it is still that namespace (here a plain file stands in for
 * the namespace, so DEL runs with an empty CNI_NETNS, as for a namespace
 * that is gone). The plugins are an in-memory stand-in.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CniAttacher, readCheckpoint } from '../../agent/cni/cni-attachment';
import { CniInvoker, type CniExec } from '../../agent/cni/cni-invoker';
import { CniNetworks } from '../../agent/cni/cni-networks';

let tmp: string;
let calls: Array<{ command: string; netns: string }>;
let attacher: CniAttacher;

beforeEach(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'meseta-cni-join-'));
  fs.mkdirSync(path.join(tmp, 'conf'));
  fs.writeFileSync(path.join(tmp, 'conf', 'n1.conflist'), JSON.stringify({ cniVersion: '1.0.0', name: 'n1', plugins: [{ type: 'bridge' }] }));
  calls = [];
  const exec: CniExec = {
    run: async (_binary, env) => {
      calls.push({ command: env.CNI_COMMAND, netns: env.CNI_NETNS });
      return { code: 0, stdout: JSON.stringify({ cniVersion: '1.0.0', ips: [{ address: '169.254.200.9/24' }] }), stderr: '' };
    },
  };
  attacher = new CniAttacher(new CniNetworks(path.join(tmp, 'conf'), '/usr/lib/cni'), new CniInvoker('/usr/lib/cni', exec));
});

afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('joining a namespace the runtime made', () => {
  it('runs ADD in it and keeps what DEL needs, marked as not ours', async () => {
    const netns = path.join(tmp, 'ns');
    fs.writeFileSync(netns, '');
    const dir = path.join(tmp, 'c1');
    const attached = await attacher.attach('c1', dir, 'n1', [], netns);
    expect(attached).toEqual({ netns, addresses: [{ protocol: 'IPv4', address: '169.254.200.9' }] });
    expect(calls).toEqual([{ command: 'ADD', netns }]);
    const checkpoint = readCheckpoint(dir);
    expect(checkpoint).toMatchObject({ containerId: 'c1', netns, ownNetns: false, netnsInode: fs.statSync(netns).ino });
    await attacher.detach(dir);
    // Not a live namespace (a plain file here; a reused pid's in real life): DEL with an empty CNI_NETNS; the file is left alone.
    expect(calls[1]).toEqual({ command: 'DEL', netns: '' });
    expect(fs.existsSync(netns)).toBe(true);
    expect(readCheckpoint(dir)).toBeUndefined();
  });

  it('refuses a namespace that is already gone, naming it, without running a plugin', async () => {
    const netns = path.join(tmp, 'gone');
    await expect(attacher.attach('c2', path.join(tmp, 'c2'), 'n1', [], netns)).rejects.toThrow(`the container's network namespace ${netns} is gone (did it exit at once?)`);
    expect(calls).toEqual([]);
  });
});
