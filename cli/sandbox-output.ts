/**
 * Reading a finished task's `stdout` / `stderr` from its agent's sandbox
 * over the agent's `/files/read` endpoint (the run's `latest` link).
 */
import { httpRequestFunctionFor, httpRequestSecurityFor, usesTls, type ClientSecurity } from '@meseta/runtime/client-config';
import { cliClientCredentials } from './client-credentials';

/** The sandbox of a task's latest run, relative to the agent's work dir (what `/files` takes). */
export function latestRunDir(frameworkId: string, taskId: string): string {
  return `frameworks/${frameworkId}/tasks/${taskId}/runs/latest`;
}

/** A browsable URL of a task's sandbox on its agent. */
export function sandboxUrl(agentAddress: string, frameworkId: string, taskId: string, tls = usesTls(cliClientCredentials().security)): string {
  return `${tls ? 'https' : 'http'}://${agentAddress}/files/browse?path=${encodeURIComponent(latestRunDir(frameworkId, taskId))}`;
}

/**
 * The text of one sandbox file (up to the agent's read limit).
 * @throws Error naming the URL when the agent does not answer 200 in time.
 */
export function readSandboxFile(
  agentAddress: string,
  relativePath: string,
  timeoutMs = 5000,
  security: ClientSecurity = cliClientCredentials().security,
): Promise<string> {
  const secured = httpRequestSecurityFor(security);
  const url = `${secured.protocol}//${agentAddress}/files/read?path=${encodeURIComponent(relativePath)}`;
  return new Promise((resolve, reject) => {
    const request = httpRequestFunctionFor(security)(url, { ...secured.tls, headers: secured.headers, timeout: timeoutMs }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.on('end', () => {
        if (response.statusCode !== 200) {
          reject(new Error(`GET ${url} answered ${response.statusCode}: ${body.slice(0, 200)}`));
          return;
        }
        try {
          resolve(String((JSON.parse(body) as { data?: unknown }).data ?? ''));
        } catch (e) {
          reject(new Error(`GET ${url}: not JSON (${(e as Error).message})`));
        }
      });
    });
    request.on('timeout', () => request.destroy(new Error(`GET ${url} timed out after ${timeoutMs} ms`)));
    request.on('error', reject);
    request.end();
  });
}
