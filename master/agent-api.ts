/**
 * gRPC handler of the Agent API: one bidirectional stream per agent. What
 * the master sends in one tick is merged into one MasterToAgent message.
 */
import type { ServerDuplexStream, UntypedServiceImplementation } from '@grpc/grpc-js';
import type { AgentToMaster, MasterToAgent } from '@meseta/proto/wire';
import type { Logger } from '@meseta/runtime/log';
import type { Master } from './master';
import type { MasterToAgentPart } from './state';
import { peerHost } from './link-peer';
import { BatchingWriter } from '@meseta/runtime/batching-writer';
import { boundAgentToMaster } from '@meseta/proto/limits';

const LIST_FIELDS = ['run', 'kill', 'acknowledgements', 'shutdown_frameworks', 'messages', 'reconcile', 'shutdown_executors'] as const;

/** Merge the fragments queued in one tick into one message. */
export function mergeAgentParts(parts: MasterToAgentPart[]): MasterToAgent {
  if (parts.length === 1) return parts[0];
  const out: Record<string, unknown> = {};
  for (const p of parts) {
    for (const [k, v] of Object.entries(p)) {
      if (v === undefined || v === null) continue;
      if (k === 'volumes' && out.volumes) {
        // The latest full set, and every destroyed volume of the tick.
        const before = out.volumes as NonNullable<MasterToAgentPart['volumes']>;
        const next = v as NonNullable<MasterToAgentPart['volumes']>;
        out.volumes = { volumes: next.volumes ?? [], destroyed: [...(before.destroyed ?? []), ...(next.destroyed ?? [])] };
      } else if ((LIST_FIELDS as readonly string[]).includes(k)) {
        const list = (out[k] as unknown[] | undefined) ?? (out[k] = []);
        for (const item of v as unknown[]) (list as unknown[]).push(item);
      } else {
        out[k] = v;
      }
    }
  }
  return out as MasterToAgent;
}

/**
 * Who may open an agent link (`master/auth/grpc-guard.ts`): the principal
 * that authenticated it (undefined on an open master), or the gRPC status
 * to refuse the stream with.
 */
export type AgentLinkAdmission = (stream: ServerDuplexStream<AgentToMaster, MasterToAgent>) => { principal?: string } | { code: number; details: string };

/** Handlers for {@link AgentLinkService}. */
export function agentApi(master: Master, log: Logger, admit?: AgentLinkAdmission): UntypedServiceImplementation {
  return {
    connect(stream: ServerDuplexStream<AgentToMaster, MasterToAgent>) {
      const admission = admit?.(stream) ?? {};
      if ('code' in admission) {
        stream.emit('error', admission);
        return;
      }
      const writer = new BatchingWriter<MasterToAgentPart, MasterToAgent>(stream, mergeAgentParts);
      let ended = false;
      const peer = peerHost(stream.getPeer());
      const link = master.agentLinkOpened({
        send: (part) => {
          // The agent this link registered: remember where its link really comes from (the files relay calls that host).
          const id = part.registered?.agent_id?.value;
          const record = id ? master.agents.get(id) : undefined;
          if (record) record.linkPeerHost = peer;
          writer.push(part);
        },
        close: () => {
          if (ended) return;
          ended = true;
          // Write what is queued (e.g. an error saying why), then end the stream.
          void writer.finish().then(() => {
            try {
              stream.end();
            } catch (e) {
              log.debug('agent link already gone', { problem: (e as Error).message });
            }
          });
        },
      }, admission.principal);
      stream.on('data', (msg: AgentToMaster) => {
        try {
          // Over-long status messages are truncated, never refused (proto/src/limits.ts).
          // A register resolves once answered; it reports its own failures to the agent.
          void link.onMessage(boundAgentToMaster(msg));
        } catch (e) {
          // A bad message never takes the master down.
          log.error('agent message failed', { problem: (e as Error).message });
        }
      });
      const closed = (): void => {
        writer.close();
        link.onClose();
      };
      stream.on('end', () => {
        closed();
        try {
          stream.end();
        } catch {
          /* already ended */
        }
      });
      stream.on('error', closed);
      stream.on('cancelled', closed);
    },
  };
}
