/**
 * `meseta dns`: a DNS server for the cluster's published endpoints, beside
 * the master (as Mesos-DNS is). It follows the master's watch API (every
 * service; the SDK's watch, which resumes with its token and follows the
 * leader), never polls `/state`, and answers A and SRV in the `meseta.`
 * zone (see master/discovery/dns-zone.ts). While it has not had the
 * endpoint set yet, or has lost the master for longer than --stale-after,
 * it answers SERVFAIL. Prints `meseta dns listening on IP:PORT` once bound.
 */
import type { Command } from 'commander';
import { CliError, UsageError } from '../cli-error';
import { daemonLogger, LOG_LEVEL_HELP, stopOnSignal } from '../daemon';
import { dnsAudienceFlag, durationFlag, masterFlag, portFlag } from '../flags';
import { MASTER_OPTION_HELP } from '../master-flag';
import { cliClientCredentials } from '../client-credentials';

/** The flags of `meseta dns`. */
export interface DnsFlags {
  master?: string;
  ip?: string;
  port?: string;
  ttl?: string;
  domain?: string;
  staleAfter?: string;
  visibility?: string;
  logLevel?: string;
}

/** The checked flags. */
export function dnsOptionsFrom(flags: DnsFlags): { ip: string; port: number; ttl: number; domain: string; staleAfterMs: number; audience: 'cluster' | 'external' } {
  const domain = (flags.domain ?? 'meseta').toLowerCase().replace(/\.$/, '');
  if (!/^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/.test(domain)) throw new UsageError(`--domain: "${flags.domain}" is not a DNS name`);
  const ttl = flags.ttl === undefined ? 5 : durationFlag('--ttl', flags.ttl);
  if (!Number.isInteger(ttl) || ttl > 86400) throw new UsageError(`--ttl: ${ttl}s; a whole number of seconds up to a day`);
  return {
    ip: flags.ip ?? '127.0.0.1',
    port: flags.port === undefined ? 8053 : portFlag('--port', flags.port),
    ttl,
    domain,
    staleAfterMs: (flags.staleAfter === undefined ? 30 : durationFlag('--stale-after', flags.staleAfter)) * 1000,
    audience: flags.visibility === undefined ? 'cluster' : dnsAudienceFlag('--visibility', flags.visibility),
  };
}

/** Register `meseta dns` on `program`. */
export function registerDnsCommand(program: Command): void {
  program
    .command('dns')
    .summary('Answer DNS (A, SRV) for running, healthy tasks, following the master\'s watch API')
    .description(
      'A <service>.<framework>.meseta. and <task>.<service>.<framework>.meseta.; SRV _<port>._<tcp|udp>.<service>.<framework>.meseta. ' +
        'and _<service>._tcp.<framework>.meseta. Names are the tasks\' discovery names (else their task names) and framework names made DNS labels.',
    )
    .option('--master <host:port>', MASTER_OPTION_HELP)
    .option('--ip <ip>', 'address to answer on (default: 127.0.0.1)')
    .option('--port <port>', 'UDP and TCP port, 0 for any free one (default: 8053)')
    .option('--ttl <duration>', 'how long resolvers may cache an answer (default: 5s)')
    .option('--domain <name>', 'the zone (default: meseta)')
    .option('--stale-after <duration>', 'answer SERVFAIL once the master has been unreachable this long (default: 30s)')
    .option('--visibility <who>', 'cluster: answer for CLUSTER and EXTERNAL tasks; external (a server for clients outside the cluster): only EXTERNAL ones (default: cluster; FRAMEWORK tasks are never in DNS)')
    .option('--log-level <level>', LOG_LEVEL_HELP)
    .action(async (flags: DnsFlags) => {
      const options = dnsOptionsFrom(flags);
      const master = masterFlag('--master', flags.master);
      const logger = daemonLogger('dns', flags.logLevel);
      const { security } = cliClientCredentials();
      const { watchService } = await import('@meseta/sdk');
      const { DnsZone } = await import('../../master/discovery/dns-zone');
      const { startDnsServer } = await import('../../master/discovery/dns-server');
      const { applyWatchMessage } = await import('../../master/discovery/dns-feeds');
      const zone = new DnsZone({ ttl: options.ttl, domain: options.domain, audience: options.audience });
      const watch = watchService({ master, security, visibility: options.audience });
      let synced = false;
      watch.onMessage((kind, message) => {
        applyWatchMessage(zone, kind, message);
        if (kind === 'snapshot' || kind === 'current') synced = true;
      });
      watch.onError((e) => logger.warn('watch', { master, problem: e.message }));
      let server;
      try {
        server = await startDnsServer({ zone, host: options.ip, port: options.port, ready: () => synced && watch.disconnectedForMs() <= options.staleAfterMs });
      } catch (e) {
        watch.close();
        throw new CliError(`meseta dns: cannot listen on ${options.ip}:${options.port}: ${(e as Error).message}`);
      }
      process.stdout.write(`meseta dns listening on ${options.ip}:${server.port}\n`);
      const running = server;
      await stopOnSignal(async () => {
        watch.close();
        await running.close();
      }, logger);
    });
}
