/**
 * Adapter: a pod member that turns the main container's own metric format
 * into Prometheus text. The main container serves plain `name=value` lines
 * (its own format, e.g. `requests=12`) at `--source`; the adapter serves
 * them at `/metrics` on `--listen` as `<prefix>_<name> <value>` with
 * HELP and TYPE lines, read fresh on each scrape, so any Prometheus can
 * scrape an application that knows nothing of it.
 *
 *   node dist/examples/adapter.js --source http://127.0.0.1:$POD_MAIN_PORT0/stats --listen $PORT0 --prefix app
 *
 * A source that cannot be read makes `/metrics` answer 503 with the reason
 * (and `<prefix>_up 0` in the body), so the scrape shows the problem.
 */
import * as http from 'node:http';
import type * as net from 'node:net';

function flag(name: string, fallback?: string): string | undefined {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 && process.argv[at + 1] ? process.argv[at + 1] : fallback;
}

const source = flag('source', `http://127.0.0.1:${process.env.POD_MAIN_PORT0 ?? '0'}/stats`)!;
const listen = Number(flag('listen', process.env.PORT0 ?? '0'));
const prefix = flag('prefix', 'app')!;

/**
 * `name=value` lines as Prometheus text: names made metric names
 * (`[a-zA-Z0-9_]`, prefixed), values that are not numbers skipped,
 * `*_total` names typed counters and the others gauges.
 */
export function toPrometheus(text: string, metricPrefix: string): string {
  const out: string[] = [];
  for (const line of text.split('\n')) {
    const eq = line.indexOf('=');
    if (eq <= 0) continue;
    const name = `${metricPrefix}_${line.slice(0, eq).trim().replace(/[^a-zA-Z0-9_]/g, '_')}`;
    const value = Number(line.slice(eq + 1).trim());
    if (!Number.isFinite(value)) continue;
    out.push(`# HELP ${name} ${line.slice(0, eq).trim()} as the application reports it`);
    out.push(`# TYPE ${name} ${name.endsWith('_total') ? 'counter' : 'gauge'}`);
    out.push(`${name} ${value}`);
  }
  out.push(`# TYPE ${metricPrefix}_up gauge`, `${metricPrefix}_up 1`);
  return `${out.join('\n')}\n`;
}

function read(url: string): Promise<string> {
  return new Promise((resolve, reject) => {
    http.get(url, { timeout: 2000 }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => (res.statusCode === 200 ? resolve(body) : reject(new Error(`${url}: HTTP ${res.statusCode}`))));
    }).on('error', reject).on('timeout', function (this: http.ClientRequest) {
      this.destroy(new Error(`${url}: no answer in 2 s`));
    });
  });
}

const server = http.createServer((req, res) => {
  if (req.url !== '/metrics') {
    res.writeHead(404).end('only /metrics\n');
    return;
  }
  read(source).then(
    (text) => res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4' }).end(toPrometheus(text, prefix)),
    (e: Error) => res.writeHead(503, { 'content-type': 'text/plain; version=0.0.4' }).end(`# source unreadable: ${e.message}\n# TYPE ${prefix}_up gauge\n${prefix}_up 0\n`),
  );
});
server.listen(listen, '127.0.0.1', () => process.stdout.write(`adapter listening on 127.0.0.1:${(server.address() as net.AddressInfo).port}, reading ${source}\n`));
process.on('SIGTERM', () => server.close());
process.on('SIGINT', () => server.close());
