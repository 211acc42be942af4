/**
 * `GET /api/v1/agents/<agentId>/images`: the registry images and layers an
 * agent keeps in its layer store, for the web UI. The master holds no agent
 * `/state`, so it asks the agent for it, under the same rules as the files
 * proxy (`http-agent-proxy.ts`): only an admitted agent while its link is up,
 * at the host its link comes from and its registered port, and only its
 * `/state`; the answer is checked and only the image-store block is relayed
 * (`agent-images.ts`). Refusals: unknown agent 404, gone 410, not connected
 * 503, an answer that cannot be used 502; each `{ "error": … }` naming the agent.
 */
import type { ServerResponse } from 'node:http';
import { httpRequestFunctionFor, httpRequestSecurityFor, type ClientSecurity } from '@meseta/runtime/client-security';
import type { Master } from './master';
import { planAgentTarget, relayHost } from './http-agent-proxy';
import { hostPort } from './link-peer';
import { shapeAgentImages } from './agent-images';
import { sendJson } from './http-json';

/** Largest agent `/state` read for its image store (a busy agent's completed tasks make it big). */
export const MAX_AGENT_STATE_BYTES = 32 * 1024 * 1024;


/** Serve `GET /api/v1/agents/<agentId>/images`: ask the agent for its `/state`, relay its image store. */
export function relayAgentImages(master: Master, agentId: string, res: ServerResponse, timeoutMs = 10_000, security: ClientSecurity = {}): void {
  const record = master.agents.get(agentId);
  const target = planAgentTarget(
    agentId,
    record ? { hostname: relayHost(record), port: record.info.port ?? 0, status: record.status } : undefined,
    'its cached images',
  );
  if (!target.ok) {
    sendJson(res, target.status, { error: target.error });
    return;
  }
  const where = `agent ${agentId} at ${hostPort(target.hostname, target.port)}`;
  const fail = (error: string): void => {
    if (!res.headersSent) sendJson(res, 502, { error });
  };
  const secured = httpRequestSecurityFor(security);
  const upstream = httpRequestFunctionFor(security)(
    {
      ...secured.tls,
      host: target.hostname,
      port: target.port,
      path: '/state',
      method: 'GET',
      headers: { ...secured.headers, accept: 'application/json' },
      timeout: timeoutMs,
    },
    (answer) => {
      const chunks: Buffer[] = [];
      let size = 0;
      answer.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > MAX_AGENT_STATE_BYTES) {
          answer.destroy();
          fail(`${where} answered /state with more than ${MAX_AGENT_STATE_BYTES} bytes`);
          return;
        }
        chunks.push(chunk);
      });
      answer.on('end', () => {
        if (res.headersSent) return;
        const body = Buffer.concat(chunks).toString('utf8');
        if (answer.statusCode !== 200) {
          let said = body.slice(0, 200);
          try {
            said = String((JSON.parse(body) as { error?: unknown }).error ?? said);
          } catch {
            // not JSON: its text as it is
          }
          fail(`${where} answered /state with ${answer.statusCode}${said ? `: ${said}` : ''}`);
          return;
        }
        let state: unknown;
        try {
          state = JSON.parse(body);
        } catch {
          fail(`${where} answered /state with something that is not JSON`);
          return;
        }
        const shaped = shapeAgentImages(agentId, state);
        if (shaped.ok) sendJson(res, 200, shaped.value);
        else fail(`${where} answered an unusable /state: ${shaped.error}`);
      });
      answer.on('error', (e) => fail(`${where} broke off: ${e.message}`));
    },
  );
  upstream.on('timeout', () => upstream.destroy(new Error(`no answer within ${timeoutMs} ms`)));
  upstream.on('error', (e: NodeJS.ErrnoException) => fail(`${where} could not be reached: ${e.code ?? e.message}`));
  res.on('close', () => {
    if (!res.writableFinished) upstream.destroy();
  });
  upstream.end();
}
