/**
 * Serving the built web UI (`dist/webui`, made by `npm run build`): `/` is
 * its index.html, `/assets/...` its hashed bundles (cached for a year).
 * Paths are confined to the UI folder: no `..`, no encoded slashes, no
 * dot files.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ServerResponse } from 'node:http';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.map': 'application/json',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

/**
 * The folder holding the built UI, or undefined when it was not built:
 * `$MESETA_WEBUI_DIR`, else `webui` beside the compiled master
 * (`dist/webui`), else `dist/webui` from the source tree (tests).
 */
export function findWebUiDir(env: NodeJS.ProcessEnv = process.env, here: string = __dirname): string | undefined {
  const candidates = [env.MESETA_WEBUI_DIR, path.resolve(here, '..', 'webui'), path.resolve(here, '..', 'dist', 'webui')];
  for (const dir of candidates) {
    if (dir && fs.existsSync(path.join(dir, 'index.html'))) return dir;
  }
  return undefined;
}

/**
 * The file under `root` that a URL path names, or undefined when the path
 * is not a plain file name inside it (`..`, `%2f`, NUL, dot files, ...).
 * `/` names index.html.
 */
export function staticFilePath(root: string, urlPath: string): string | undefined {
  if (urlPath === '/' || urlPath === '/index.html') return path.join(root, 'index.html');
  if (/%2f|%5c/i.test(urlPath)) return undefined;
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return undefined;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return undefined;
  const segments = decoded.split('/').slice(1);
  if (segments.length === 0 || segments.some((s) => s === '' || s.startsWith('.'))) return undefined;
  const full = path.resolve(root, ...segments);
  if (!full.startsWith(path.resolve(root) + path.sep)) return undefined;
  return full;
}

/** How long a browser may keep a file: hashed assets forever, the rest never without asking. */
export function cacheControlFor(urlPath: string): string {
  return urlPath.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache';
}

/**
 * Send a UI file. Resolves true when the path named a file that was sent,
 * false when there is no such file (the caller answers 404).
 */
export async function serveStatic(root: string, urlPath: string, res: ServerResponse, headOnly = false): Promise<boolean> {
  const file = staticFilePath(root, urlPath);
  if (!file) return false;
  let body: Buffer;
  try {
    const stats = await fs.promises.stat(file);
    if (!stats.isFile()) return false;
    body = await fs.promises.readFile(file);
  } catch {
    return false;
  }
  res.writeHead(200, {
    'content-type': CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream',
    'content-length': body.length,
    'cache-control': cacheControlFor(urlPath),
    'x-content-type-options': 'nosniff',
    ...(file.endsWith('.html') ? { 'content-security-policy': CONTENT_SECURITY_POLICY } : {}),
  });
  res.end(headOnly ? undefined : body);
  return true;
}

/**
 * The UI's content security policy: scripts and style sheets only from the
 * master itself (no inline script), data only from the master. Inline
 * `<style>` is allowed: the task terminal (xterm.js) writes its theme and
 * cell sizes into style elements it creates; styles run no code, and the UI
 * renders every value as text, so no markup of another's reaches the page.
 */
export const CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";
