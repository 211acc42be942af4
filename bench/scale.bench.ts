/**
 * Scale harness: one real `meseta master` process (started as users start it,
 * `node dist/cli/meseta.js master --work-dir DIR`, or `--zk zk://...` against
 * a ZooKeeper started here) and N simulated agents driven from several child
 * processes ("swarms", bench/scale/agent-swarm-process.ts). Each simulated
 * agent speaks the real Agent API (AgentLink.Connect: register with its
 * resources and tasks, heartbeats both ways, re-register with its id and
 * tasks after a failover, with jittered backoff) on a gRPC connection of its
 * own, up to the master's descriptor limit; beyond it agents share
 * connections, and the output says how many share one.
 *
 * For each N it prints: time to register all from cold and per-agent cost,
 * master RSS (/proc/<pid>/status VmRSS and VmHWM), `GET /state` time and size,
 * the master's event-loop delay (p99 and max, from its /metrics histogram,
 * per phase), tasks held, links dropped, and the failover time (master killed
 * by pid with SIGKILL, a new one started on the same work dir or ZooKeeper
 * path, timed until every agent re-registered and `GET /state` knows every
 * task). The machine's load average at start and end is printed too.
 *
 *   npm run build && node dist/bench/scale.bench.js [--agents 1000,5000] [--tasks-per-agent 10]
 *       [--swarms 4] [--zk] [--no-failover] [--state-reads 3] [--phase-timeout 300]
 *       [--max-connections 19000] [--meseta dist/cli/meseta.js] [--json]
 *
 *   --agents            comma-separated cluster sizes, each run on a fresh master (default 1000,5000,
 *                       a few minutes; the curve is 1000,5000,10000,20000,50000)
 *   --tasks-per-agent   tasks each agent reports when it registers (default 10): N × 10 tasks held
 *                       without launching them (they are running tasks of one framework the agents name)
 *   --swarms            child processes driving the agents (default 4)
 *   --zk                keep the registry in a ZooKeeper started for the run (default: a file, --work-dir)
 *   --no-failover       skip the failover phase
 *   --state-reads       `GET /state` reads timed after registration (default 3)
 *   --phase-timeout     seconds any phase may take before the run is cut short and reported so (default 300)
 *   --max-connections   most gRPC connections to the master (default 19000: its soft descriptor limit is
 *                       raised to 20000, the hard limit here, and needs some for itself)
 *   --meseta            the CLI to start (e.g. an older build's dist/cli/meseta.js, to compare)
 *   --json              also print one JSON line per size (for scripts)
 *
 * Everything started is stopped by pid and every temp dir removed, also on failure or Ctrl-C.
 */
export {};
