/**
 * User and group names for `/files/browse`, which Mesos fills in as names
 * (`"uid": "root"`), not numbers. Read from `/etc/passwd` and `/etc/group`
 * (names from other NSS sources show as the number, as Mesos shows an id it
 * cannot name).
 */
import * as fs from 'node:fs';

/** `name:x:id:…` lines → names by id (the first name of an id wins). */
export function parseIdNames(text: string): Map<number, string> {
  const out = new Map<number, string>();
  for (const line of text.split('\n')) {
    const fields = line.split(':');
    if (fields.length < 3 || fields[0] === '' || line.startsWith('#')) continue;
    const id = Number(fields[2]);
    if (Number.isInteger(id) && !out.has(id)) out.set(id, fields[0]);
  }
  return out;
}

/** Names of users and groups by id. */
export interface OwnerNames {
  user(uid: number): string;
  group(gid: number): string;
}

async function readNames(file: string): Promise<Map<number, string>> {
  try {
    return parseIdNames(await fs.promises.readFile(file, 'utf8'));
  } catch {
    return new Map();
  }
}

/** The host's user and group names now (an id without a name gives its number as text). */
export async function loadOwnerNames(): Promise<OwnerNames> {
  const [users, groups] = await Promise.all([readNames('/etc/passwd'), readNames('/etc/group')]);
  return {
    user: (uid) => users.get(uid) ?? String(uid),
    group: (gid) => groups.get(gid) ?? String(gid),
  };
}
