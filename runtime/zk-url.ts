/** `zk://host1:2181,host2:2181/meseta` → connection string and path. */

/** A parsed ZooKeeper URL. */
export interface ZooKeeperUrl {
  /** `host1:2181,host2:2181`, as node-zookeeper-client takes it. */
  connectionString: string;
  /** The znode path, e.g. `/meseta`. */
  path: string;
}

/** True when the text is a `zk://` URL. */
export function isZooKeeperUrl(text: string): boolean {
  return text.startsWith('zk://');
}

/** Parse a `zk://` URL; throws naming the problem. */
export function parseZooKeeperUrl(text: string): ZooKeeperUrl {
  const m = /^zk:\/\/([^/]+)(\/.*)$/.exec(text.trim());
  if (!m) throw new Error(`"${text}" is not a ZooKeeper URL (expected zk://host:port[,host:port]/path)`);
  const hosts = m[1].split(',');
  for (const h of hosts) {
    if (!/^[A-Za-z0-9.\-_[\]:]+:\d+$/.test(h)) throw new Error(`"${text}": "${h}" must be host:port`);
  }
  const path = m[2].replace(/\/+$/, '') || '/';
  if (path === '/') throw new Error(`"${text}": a path is required, e.g. zk://127.0.0.1:2181/meseta`);
  return { connectionString: hosts.join(','), path };
}
