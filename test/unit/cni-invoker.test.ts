/**
 * Running a plugin chain (ADD in order with prevResult, DEL in reverse,
 * every plugin asked even when one fails) against an in-memory stand-in.
 */
import { parseNetworkConfig } from '../../agent/cni/cni-config';
import { CniInvoker, type CniExec, type CniRun } from '../../agent/cni/cni-invoker';

const NETWORK = parseNetworkConfig(
  JSON.stringify({ cniVersion: '1.0.0', name: 'n1', plugins: [{ type: 'bridge' }, { type: 'portmap', capabilities: { portMappings: true } }] }),
  'n1.conflist',
);

function recorder(answers: Record<string, CniRun>): { exec: CniExec; calls: Array<{ binary: string; command: string; stdin: Record<string, unknown> }> } {
  const calls: Array<{ binary: string; command: string; stdin: Record<string, unknown> }> = [];
  const exec: CniExec = {
    run: async (binary, env, stdin) => {
      calls.push({ binary, command: env.CNI_COMMAND, stdin: JSON.parse(stdin) as Record<string, unknown> });
      return answers[`${env.CNI_COMMAND} ${binary.split('/').pop()}`] ?? { code: 0, stdout: '{}', stderr: '' };
    },
  };
  return { exec, calls };
}

const BRIDGE_RESULT = { cniVersion: '1.0.0', ips: [{ address: '169.254.200.7/24' }] };

describe('a CNI chain', () => {
  it('adds in order, passing each result on, and keeps the addresses', async () => {
    const { exec, calls } = recorder({
      'ADD bridge': { code: 0, stdout: JSON.stringify(BRIDGE_RESULT), stderr: '' },
      'ADD portmap': { code: 0, stdout: JSON.stringify({ ...BRIDGE_RESULT, note: 'portmap' }), stderr: '' },
    });
    const added = await new CniInvoker('/usr/lib/cni', exec).add(NETWORK, 'c1', '/run/netns/meseta-c1', [{ hostPort: 8080, containerPort: 80, protocol: 'tcp' }]);
    expect(calls.map((c) => `${c.command} ${c.binary}`)).toEqual(['ADD /usr/lib/cni/bridge', 'ADD /usr/lib/cni/portmap']);
    expect(calls[1].stdin.prevResult).toEqual(BRIDGE_RESULT);
    expect(added.addresses).toEqual([{ protocol: 'IPv4', address: '169.254.200.7' }]);
    expect(added.result).toMatchObject({ note: 'portmap' });
  });

  it('stops at a failing plugin, naming the network and plugin', async () => {
    const { exec, calls } = recorder({ 'ADD bridge': { code: 1, stdout: JSON.stringify({ code: 11, msg: 'no IP addresses available' }), stderr: '' } });
    await expect(new CniInvoker('/p', exec).add(NETWORK, 'c1', '/ns', [])).rejects.toThrow('network n1: CNI plugin bridge: no IP addresses available [code 11]');
    expect(calls).toHaveLength(1);
  });

  it('deletes in reverse with the chain result, asking every plugin even when one fails', async () => {
    const { exec, calls } = recorder({ 'DEL portmap': { code: 1, stdout: '', stderr: 'iptables: no chain' } });
    await expect(new CniInvoker('/p', exec).del(NETWORK, 'c1', '/ns', [], BRIDGE_RESULT)).rejects.toThrow('network n1: DEL: CNI plugin portmap: exited with 1: iptables: no chain');
    expect(calls.map((c) => `${c.command} ${c.binary}`)).toEqual(['DEL /p/portmap', 'DEL /p/bridge']);
    expect(calls[1].stdin.prevResult).toEqual(BRIDGE_RESULT);
  });
});
