/**
 * `meseta master`: run a master until SIGINT/SIGTERM. Prints
 * `meseta master listening on IP:PORT` once bound (test harnesses wait for it).
 */
import type { Command } from 'commander';
import type { MasterOptions } from '../../master/index';
import { CliError, UsageError } from '../cli-error';
import { startFailureMessage } from '../start-failure';
import { daemonLogger, LOG_LEVEL_HELP, stopOnSignal } from '../daemon';
import type { Logger } from '@meseta/runtime/log';
import { countFlag, dnsAudienceFlag, durationFlag, portFlag } from '../flags';
import { addHttpLimitOptions, httpLimitsFrom, type HttpLimitFlags } from '../http-limit-flags';
import { addTlsOptions, daemonTlsFrom, type TlsFlags } from '../tls-flags';
import { withCredential } from '../credential-flag';
import { parseWeightsFlag } from '../../master/weight-input';
import { parseMinAllocatable } from '../../master/allocator/min-allocatable';
import { bindEarly, type EarlyListener } from '@meseta/runtime/early-listener';
import { takeEarlyListener } from '../early-master-bind';
import { checkListenSecurity } from '@meseta/runtime/listen-policy';

/** The flags of `meseta master`, as commander hands them over (text). */
export interface MasterFlags extends TlsFlags {
  ip?: string;
  port?: string;
  hostname?: string;
  offerTimeout?: string;
  agentPingTimeout?: string;
  maxAgentPingTimeouts?: string;
  agentRemovalTimeout?: string;
  frameworkHeartbeat?: string;
  allocationInterval?: string;
  agentReregisterTimeout?: string;
  workDir?: string;
  zk?: string;
  quorum?: string;
  zkSessionTimeout?: string;
  logLevel?: string;
  /** `--credentials FILE`: turns authentication on. */
  credentials?: string;
  /** `--acls FILE`: authorization, reloaded on change. */
  acls?: string;
  /** `--credential FILE`: the master's token for agents (relayed debug sessions, sandbox reads). */
  credential?: string;
  /** `--dns-port PORT`: answer DNS for the published endpoints. */
  dnsPort?: string;
  /** `--dns-ttl DURATION`: how long resolvers may cache answers. */
  dnsTtl?: string;
  /** `--dns-visibility cluster|external`: which endpoints DNS answers for. */
  dnsVisibility?: string;
  /** `--discovery-zk zk://host:port/path`: publish endpoints as ephemeral znodes. */
  discoveryZk?: string;
  /** `--weights role=w,...`: role weights used when the registry holds none. */
  weights?: string;
  /** `--min-allocatable-resources cpus:0.01|mem:32`: the smallest offers, for frameworks without offer_filters. */
  minAllocatableResources?: string;
}

/** Master options from flag text; flags not given are left to the master's defaults. */
export function masterOptionsFrom(flags: MasterFlags): Omit<MasterOptions, 'logger'> {
  const options: Omit<MasterOptions, 'logger'> = {};
  if (flags.ip !== undefined) options.ip = flags.ip;
  if (flags.port !== undefined) options.port = portFlag('--port', flags.port);
  if (flags.hostname !== undefined) options.hostname = flags.hostname;
  if (flags.offerTimeout !== undefined) options.offerTimeoutSeconds = durationFlag('--offer-timeout', flags.offerTimeout);
  if (flags.agentPingTimeout !== undefined) {
    options.agentPingTimeoutSeconds = durationFlag('--agent-ping-timeout', flags.agentPingTimeout);
  }
  if (flags.maxAgentPingTimeouts !== undefined) {
    options.maxAgentPingTimeouts = countFlag('--max-agent-ping-timeouts', flags.maxAgentPingTimeouts, 1);
  }
  if (flags.agentRemovalTimeout !== undefined) {
    options.agentRemovalTimeoutSeconds = durationFlag('--agent-removal-timeout', flags.agentRemovalTimeout);
  }
  if (flags.frameworkHeartbeat !== undefined) {
    options.frameworkHeartbeatSeconds = durationFlag('--framework-heartbeat', flags.frameworkHeartbeat);
  }
  if (flags.allocationInterval !== undefined) {
    options.allocationIntervalSeconds = durationFlag('--allocation-interval', flags.allocationInterval);
  }
  if (flags.agentReregisterTimeout !== undefined) {
    options.agentReregisterTimeoutSeconds = durationFlag('--agent-reregister-timeout', flags.agentReregisterTimeout);
  }
  if (flags.workDir !== undefined) options.workDir = flags.workDir;
  if (flags.credentials !== undefined) options.credentials = flags.credentials;
  if (flags.acls !== undefined) options.acls = flags.acls;
  if (flags.zk !== undefined) {
    if (!flags.zk.startsWith('zk://')) throw new UsageError(`--zk: "${flags.zk}" must look like zk://host:port/path`);
    options.zk = flags.zk;
  }
  // --quorum is checked for Mesos compatibility only: with --zk the registry
  // lives in ZooKeeper, whose own quorum makes it durable.
  if (flags.quorum !== undefined) countFlag('--quorum', flags.quorum, 1);
  if (flags.zkSessionTimeout !== undefined) options.zkSessionTimeoutSeconds = durationFlag('--zk-session-timeout', flags.zkSessionTimeout);
  if (flags.dnsPort !== undefined) {
    options.dns = { port: portFlag('--dns-port', flags.dnsPort) };
    if (flags.dnsTtl !== undefined) options.dns.ttl = durationFlag('--dns-ttl', flags.dnsTtl);
    if (flags.dnsVisibility !== undefined) options.dns.audience = dnsAudienceFlag('--dns-visibility', flags.dnsVisibility);
  } else if (flags.dnsTtl !== undefined) throw new UsageError('--dns-ttl: needs --dns-port');
  else if (flags.dnsVisibility !== undefined) throw new UsageError('--dns-visibility: needs --dns-port');
  if (flags.discoveryZk !== undefined) {
    if (!flags.discoveryZk.startsWith('zk://')) throw new UsageError(`--discovery-zk: "${flags.discoveryZk}" must look like zk://host:port/path`);
    options.discoveryZk = flags.discoveryZk;
  }
  if (flags.minAllocatableResources !== undefined) {
    try {
      options.minAllocatableResources = parseMinAllocatable(flags.minAllocatableResources);
    } catch (e) {
      throw new UsageError((e as Error).message);
    }
  }
  if (flags.weights !== undefined) {
    try {
      options.weights = parseWeightsFlag(flags.weights);
    } catch (e) {
      throw new UsageError((e as Error).message);
    }
  }
  const httpLimits = httpLimitsFrom(flags as MasterFlags & HttpLimitFlags);
  if (Object.keys(httpLimits).length > 0) options.httpLimits = httpLimits;
  return options;
}

/** Adds the master's flags to a command (shared with `meseta local`). */
export function addMasterTimingOptions(command: Command): Command {
  return command
    .option('--offer-timeout <duration>', 'rescind an offer not answered in this time, 0 for never (default: 60s)')
    .option('--agent-ping-timeout <duration>', 'time to wait for an agent heartbeat (default: 15s)')
    .option('--max-agent-ping-timeouts <count>', 'missed heartbeats before an agent is unreachable (default: 5)')
    .option('--agent-removal-timeout <duration>', 'time an unreachable agent has to come back before it is gone (default: 10mins)')
    .option('--framework-heartbeat <duration>', 'interval of HEARTBEAT events to frameworks (default: 15s)')
    .option('--allocation-interval <duration>', 'time between batch allocation passes (default: 1s)')
    .option('--agent-reregister-timeout <duration>', 'after a failover, time agents have to re-register before they are unreachable (default: 10mins)');
}

/** Register `meseta master` on `program`. */
export function registerMasterCommand(program: Command): void {
  const command = addHttpLimitOptions(program
    .command('master'))
    .summary('Run a master')
    .description('Run a master: the Scheduler, Agent and Operator APIs and the HTTP endpoints on one port.')
    .option('--ip <ip>', 'address to listen on (default: 127.0.0.1)')
    .option('--port <port>', 'port to listen on, 0 for any free port (default: 5050)')
    .option('--hostname <name>', 'hostname the master advertises')
    .option('--work-dir <dir>', 'keep the registry in DIR/registry.json (default: in memory only)')
    .option('--zk <url>', 'zk://host:port/path: contend for leadership and keep the registry in ZooKeeper')
    .option('--zk-session-timeout <duration>', 'ZooKeeper session timeout; a crashed leader is replaced after about this long (default: 10s)')
    .option('--quorum <count>', 'accepted for Mesos compatibility; ZooKeeper provides the quorum')
    .option('--credentials <file>', 'JSON principals (framework, agent, operator, master) and their tokens; turns authentication on for every API and endpoint but /health and /version (default: none, open)')
    .option('--credential <file>', "the master's own credential for agents (relayed debug sessions and sandbox reads): a token, or {\"principal\", \"token\"} (default: none)")
    .option('--acls <file>', 'JSON ACLs: who may register in which role, run tasks as which user, view, exec, ...; re-read on change (default: none, everything authenticated is allowed)')
    .option('--dns-port <port>', 'also answer DNS (UDP and TCP, on --ip) for running, healthy tasks: A <service>.<framework>.meseta., SRV _<port>._tcp.<service>.<framework>.meseta. (default: off)')
    .option('--dns-ttl <duration>', 'how long resolvers may cache DNS answers (default: 5s)')
    .option('--dns-visibility <who>', 'cluster: answer for CLUSTER and EXTERNAL tasks; external: only EXTERNAL ones (default: cluster; FRAMEWORK tasks are never in DNS)')
    .option('--discovery-zk <url>', 'zk://host:port/path: while leading, publish each running, healthy endpoint as an ephemeral znode <path>/<framework>/<service>/<task-id> holding JSON {host, ports by name, labels} (default: off)')
    .option('--min-allocatable-resources <sets>', 'offer an agent only when its free resources hold one of these sets (Mesos format: disk:1|cpus:1;mem:32); frameworks with offer_filters use their own (default: none, anything is offered)')
    .option('--weights <role=weight,...>', 'role weights for DRF (e.g. web=2,batch=0.5), used when the registry holds none; later changes: meseta weights set (default: every role 1)');
  addTlsOptions(addMasterTimingOptions(command))
    .option('--log-level <level>', LOG_LEVEL_HELP)
    .action(async (flags: MasterFlags) => {
      const options = masterOptionsFrom(flags);
      const security = daemonTlsFrom(flags);
      const logger = daemonLogger('master', flags.logLevel);
      let master;
      let listener: EarlyListener | undefined;
      try {
        listener = await bindBeforeLoading(options, flags, security.tls !== undefined, logger);
        // Loaded here so operator verbs do not pay for the master's code.
        const { startMaster } = await import('../../master/index');
        master = await startMaster({
          ...options,
          listener,
          tls: security.tls,
          insecure: security.insecure,
          agentSecurity: withCredential(security.peerSecurity, '--credential', flags.credential),
          logger,
          // Lost leadership or a failed registry write: exit so a supervisor restarts it, as Mesos does.
          onFatal: (why) => {
            logger.error('exiting', { why });
            process.exit(1);
          },
        });
      } catch (e) {
        await listener?.close();
        throw new CliError(startFailureMessage('master', e));
      }
      process.stdout.write(`meseta master listening on ${master.address}\n`);
      if (master.dnsPort !== undefined) process.stdout.write(`meseta master dns on ${options.ip ?? '127.0.0.1'}:${master.dnsPort}\n`);
      if (options.zk) {
        const running = master;
        void running.elected.then(() => process.stdout.write(`meseta master elected leader at ${running.address}\n`));
      }
      await stopOnSignal(() => master.stop(), logger);
    });
}

/**
 * Bind the master's port before its modules load (seconds on a loaded
 * machine), so that agents reconnecting after a failover wait in the listen
 * queue instead of being refused (plaintext or TLS: the handshake waits
 * too). Only where the master would be allowed to listen at all
 * (`checkListenSecurity`); elsewhere startMaster refuses, naming why.
 */
async function bindBeforeLoading(options: Omit<MasterOptions, 'logger'>, flags: MasterFlags, tls: boolean, logger: Logger): Promise<EarlyListener | undefined> {
  const ip = options.ip ?? '127.0.0.1';
  // Bound by the CLI entry's first lines when the command line named this address (cli/early-master-bind.ts).
  const early = await takeEarlyListener(ip, options.port ?? 5050);
  const verdict = checkListenSecurity({
    daemon: 'master', ip, tls, insecure: flags.insecure === true,
    authenticated: options.credentials !== undefined, authFlag: '--credentials FILE',
  });
  if (!verdict.ok) {
    await early?.listener.close();
    return undefined; // startMaster refuses with the message
  }
  if (early) {
    logger.info('port bound before loading the master', { address: `${ip}:${early.listener.port}`, process_uptime_ms: early.boundUptimeMs, by: 'the CLI entry' });
    return early.listener;
  }
  let listener: EarlyListener;
  try {
    listener = await bindEarly({ host: ip, port: options.port ?? 5050 });
  } catch {
    // E.g. an address this host does not have: startMaster tries again and reports it as before (after its warnings).
    return undefined;
  }
  logger.info('port bound before loading the master', { address: `${ip}:${listener.port}`, process_uptime_ms: Math.round(process.uptime() * 1000) });
  return listener;
}
