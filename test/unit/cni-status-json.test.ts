/**
 * A task on a CNI network shows its own address in Mesos's shape
 * (`container_status.network_infos[].ip_addresses[].ip_address`), not the
 * agent's.
 */
import { mesosNetworkInfos, mesosStatus } from '@meseta/proto/mesos-json';
import type { TaskStatus } from '@meseta/proto/wire';

const CNI = { name: 'n1', ip_addresses: [{ protocol: 1, ip_address: '169.254.200.7' }], port_mappings: [{ host_port: 8080, container_port: 80, protocol: 'tcp' }] };

describe('CNI addresses in Mesos JSON', () => {
  it.each<[string, TaskStatus, string | undefined, unknown]>([
    ['its own network wins over the agent address', { state: 1, container_status: { network_infos: [CNI] } }, '192.0.2.10', [{ name: 'n1', ip_addresses: [{ protocol: 'IPv4', ip_address: '169.254.200.7' }], port_mappings: [{ host_port: 8080, container_port: 80, protocol: 'tcp' }] }]],
    ['host networking keeps the agent address', { state: 1 }, '192.0.2.10', [{ ip_addresses: [{ ip_address: '192.0.2.10' }] }]],
    ['IPv6 is named so', { state: 1, container_status: { network_infos: [{ ip_addresses: [{ protocol: 2, ip_address: '2001:db8::7' }] }] } }, undefined, [{ ip_addresses: [{ protocol: 'IPv6', ip_address: '2001:db8::7' }] }]],
  ])('%s', (_name, status, ip, expected) => {
    expect((mesosStatus(status, ip).container_status as { network_infos: unknown }).network_infos).toEqual(expected);
  });

  it('leaves out empty port mappings and names', () => {
    expect(mesosNetworkInfos([{ ip_addresses: [] }])).toEqual([{ ip_addresses: [] }]);
  });
});
