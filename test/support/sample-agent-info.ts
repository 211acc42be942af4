/**
 * The AgentInfo of a typical agent `i` (16 cpus, 64 GiB, a port range, a
 * rack attribute), for registry tests and benchmarks that need many
 * distinct agents without running them.
 */
import type { AgentInfo } from '@meseta/proto/wire';

/** Agent `i`'s info: hostname `agent-<i>.rack-<i mod 40>.example.org`, port 5051. */
export function sampleAgentInfo(i: number): AgentInfo {
  return {
    hostname: `agent-${i}.rack-${i % 40}.example.org`,
    port: 5051,
    resources: [
      { name: 'cpus', type: 0, scalar: { value: 16 } },
      { name: 'mem', type: 0, scalar: { value: 65536 } },
      { name: 'disk', type: 0, scalar: { value: 1_000_000 } },
      { name: 'ports', type: 1, ranges: { range: [{ begin: 31000, end: 32000 }] } },
    ],
    attributes: [{ name: 'rack', type: 3, text: { value: `rack-${i % 40}` } }],
  };
}
