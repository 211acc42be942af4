/**
 * `meseta.v1.Discovery/Watch`: the watch API as a gRPC server stream (the
 * same events as the server-sent events of `/api/v1/discovery/watch`).
 * Operator principals only on an authenticated master; a viewer restricted
 * by ACLs sees the tasks it may view. A bad request is INVALID_ARGUMENT
 * naming the field; a watcher that does not read (more than
 * `maxBufferedMessages` waiting) is ended with RESOURCE_EXHAUSTED and
 * resumes with its last token.
 */
import { type ServerWritableStream, type UntypedServiceImplementation, status } from '@grpc/grpc-js';
import type { v1 } from '@meseta/proto/wire';
import type { Master } from '../master';
import type { MasterTrust } from '../auth/trust';
import { isRefusal } from '../auth/trust';
import { presentedByCall } from '../auth/request-identity';
import { grpcRefusal, viewFor } from '../auth/grpc-guard';
import type { DiscoveryFeed } from './discovery-feed';
import type { DiscoveryInstance } from './discovery-instance';
import { type TaskVisibility, type WatchEvent, type WatchQuery, openWatch, watchQueryProblem } from './watch-session';

const KIND = { snapshot: 0, change: 1, current: 2 } as const;

/** An endpoint in its wire form. */
export function endpointMessage(i: DiscoveryInstance): v1.IServiceEndpoint {
  return {
    id: i.id, service: i.service, framework: i.framework, framework_id: i.frameworkId, task_id: i.taskId, agent_id: i.agentId,
    host: i.host, ip: i.ip, ports: i.ports, visibility: i.visibility,
    labels: Object.entries(i.labels ?? {}).map(([key, value]) => ({ key, value })),
  };
}

/** A watch event in its wire form. */
export function watchEventMessage(e: WatchEvent): v1.IServiceWatchEvent {
  const out: v1.IServiceWatchEvent = { kind: KIND[e.kind], token: e.token, revision: e.revision };
  if (e.kind === 'snapshot') {
    out.endpoints = e.instances.map(endpointMessage);
    out.why = e.why;
  } else if (e.kind === 'change') {
    out.added = e.added.map(endpointMessage);
    out.removed = e.removed;
  }
  return out;
}

/** Options of {@link discoveryService}. */
export interface DiscoveryServiceOptions {
  /** Messages a watcher may leave unread before it is ended. @default 10000 */
  maxBufferedMessages?: number;
}

/** The Discovery service's handlers over the leading master's feed. */
export function discoveryService(feed: () => DiscoveryFeed, master: () => Master, trust: MasterTrust, options: DiscoveryServiceOptions = {}): UntypedServiceImplementation {
  return {
    watch(call: ServerWritableStream<v1.IWatchServiceRequest, v1.IServiceWatchEvent>) {
      let visible: TaskVisibility;
      if (trust.enabled) {
        const who = trust.identify(presentedByCall(call), 'Discovery.Watch', ['operator']);
        if (isRefusal(who)) {
          call.emit('error', grpcRefusal(who));
          return;
        }
        const whole = master();
        const view = viewFor(whole, trust, who);
        if (view !== whole) visible = (f, t) => view.frameworks.get(f)?.tasks.has(t) === true;
      }
      const r = call.request;
      const query: WatchQuery = {};
      if (r.service) query.service = r.service;
      if (r.framework) query.framework = r.framework;
      if (r.resume) query.token = r.resume;
      if (r.visibility) query.visibility = r.visibility;
      const problem = watchQueryProblem(query);
      if (problem) {
        call.emit('error', { code: status.INVALID_ARGUMENT, details: problem });
        return;
      }
      const max = options.maxBufferedMessages ?? 10_000;
      let ended = false;
      const end = openWatch(feed(), query, visible, (e) => {
        if (ended) return;
        call.write(watchEventMessage(e));
        if (call.writableLength > max) {
          ended = true;
          call.emit('error', { code: status.RESOURCE_EXHAUSTED, details: `watcher too slow: more than ${max} events unread; resume with the last token` });
        }
      });
      call.on('cancelled', end);
      call.on('close', end);
      call.on('error', end);
    },
  };
}
