/**
 * Secrets a task references (pure, no I/O): environment variables of type
 * SECRET and volumes whose source is a SECRET (a file in the sandbox). Only
 * references travel (a name in the agent's secret store); the agent resolves
 * them at launch. Checked by the master at ACCEPT (TASK_ERROR naming the
 * field) and again by the agent.
 */
import { pb, type CommandInfo, type ContainerInfo } from './wire';
import type { v1 } from './wire';

/** Longest secret name (a file name in the agent's store). */
export const MAX_SECRET_NAME_LENGTH = 255;

/** Secret names: letters, digits, `.`, `_`, `-`; not starting with `.` (one file name, no path). */
const SECRET_NAME = /^[A-Za-z0-9_-][A-Za-z0-9._-]*$/;

/** An environment variable whose value is a secret. */
export interface SecretVariableReference {
  /** The variable's name in the task's environment. */
  variable: string;
  /** The secret's name in the store. */
  secret: string;
}

/** A file in the sandbox whose content is a secret. */
export interface SecretFileReference {
  /** Path relative to the sandbox (`secrets/db-password`). */
  path: string;
  /** The secret's name in the store. */
  secret: string;
}

/** Every secret a task references. */
export interface TaskSecretReferences {
  variables: SecretVariableReference[];
  files: SecretFileReference[];
  /** The secret holding the Docker config to pull the task's registry image with (`container.mesos.image.docker.config`). */
  imageConfig?: string;
}

/** What is wrong with a secret name, or undefined. */
export function secretNameProblem(name: string): string | undefined {
  if (name === '') return 'is empty';
  if (name.length > MAX_SECRET_NAME_LENGTH) return `is longer than ${MAX_SECRET_NAME_LENGTH} characters`;
  if (!SECRET_NAME.test(name)) return `"${name}" is not a secret name (letters, digits, ".", "_" and "-", not starting with ".")`;
  return undefined;
}

/** What is wrong with a Secret message, naming the field; undefined when it is a usable reference. */
export function secretProblem(secret: v1.ISecret | null | undefined, field: string): string | undefined {
  if (!secret) return `${field}: required`;
  const type = secret.type ?? pb.Secret.Type.REFERENCE;
  if (type !== pb.Secret.Type.REFERENCE && type !== pb.Secret.Type.UNKNOWN) {
    return `${field}.type: ${type} is not supported; secrets are REFERENCE (a name in the agent's secret store)`;
  }
  const name = secret.reference?.name ?? '';
  const nameProblem = secretNameProblem(name);
  if (nameProblem) return `${field}.reference.name: ${nameProblem}`;
  if (secret.reference?.key) return `${field}.reference.key: "${secret.reference.key}" is not supported (the agent's store holds one value per name)`;
  return undefined;
}

/** What is wrong with the sandbox path of a secret file, or undefined. */
export function secretFilePathProblem(filePath: string): string | undefined {
  if (filePath === '') return 'required (the file\'s path in the sandbox)';
  if (filePath.startsWith('/')) return `"${filePath}" must be relative: a secret file is written in the task's sandbox`;
  if (filePath.includes('\0')) return 'contains a NUL byte';
  const segments = filePath.split('/');
  if (segments.some((s) => s === '' || s === '.' || s === '..')) return `"${filePath}" must not contain empty, "." or ".." segments`;
  if (segments.length === 1 && (segments[0] === 'stdout' || segments[0] === 'stderr')) return `"${filePath}" is the task's own output file`;
  if (filePath.length > 1024) return 'is longer than 1024 characters';
  return undefined;
}

/** True when the volume's content is a secret (not a host path). */
export function isSecretVolume(volume: v1.IVolume): boolean {
  return !!volume.source && volume.source.type === pb.Volume.Source.Type.SECRET;
}

function isSecretVariable(variable: v1.Environment.IVariable): boolean {
  return variable.type === pb.Environment.Variable.Type.SECRET;
}

/**
 * The secrets a task references, or the first problem naming its field
 * (`prefix` is how the caller names the task: `task`, or '' for the
 * master's fields relative to the task).
 */
export function taskSecretReferences(
  command: CommandInfo | null | undefined,
  container: ContainerInfo | null | undefined,
  prefix = 'task',
): { references: TaskSecretReferences } | { problem: string } {
  const at = (field: string): string => (prefix ? `${prefix}.${field}` : field);
  const references: TaskSecretReferences = { variables: [], files: [] };
  const variables = command?.environment?.variables ?? [];
  for (let i = 0; i < variables.length; i++) {
    const v = variables[i];
    const field = at(`command.environment.variables[${i}]`);
    if (isSecretVariable(v)) {
      const problem = secretProblem(v.secret, `${field}.secret`);
      if (problem) return { problem };
      if (v.value) return { problem: `${field}.value: a SECRET variable takes its value from the secret store; leave value empty` };
      if (!v.name) return { problem: `${field}.name: required` };
      references.variables.push({ variable: v.name, secret: v.secret!.reference!.name! });
    } else if (v.secret) {
      return { problem: `${field}.type: must be SECRET when secret is set` };
    } else if (v.type !== null && v.type !== undefined && v.type !== pb.Environment.Variable.Type.VALUE && v.type !== pb.Environment.Variable.Type.UNKNOWN) {
      return { problem: `${field}.type: unknown type ${v.type} (VALUE or SECRET)` };
    }
  }
  const image = container?.mesos?.image;
  if (image?.docker?.config) {
    const problem = secretProblem(image.docker.config, at('container.mesos.image.docker.config'));
    if (problem) return { problem };
    references.imageConfig = image.docker.config.reference!.name!;
  }
  const volumes = container?.volumes ?? [];
  const seen = new Set<string>();
  for (let i = 0; i < volumes.length; i++) {
    const volume = volumes[i];
    if (!volume.source) continue;
    const field = at(`container.volumes[${i}]`);
    if (!isSecretVolume(volume)) return { problem: `${field}.source.type: ${volume.source.type ?? 'unset'} is not supported (SECRET, or no source for a host path)` };
    const problem = secretProblem(volume.source.secret, `${field}.source.secret`);
    if (problem) return { problem };
    if (volume.host_path) return { problem: `${field}.host_path: a SECRET volume has no host path` };
    const filePath = (volume.container_path ?? '').replace(/\/+$/, '');
    const pathProblem = secretFilePathProblem(filePath);
    if (pathProblem) return { problem: `${field}.container_path: ${pathProblem}` };
    if (seen.has(filePath)) return { problem: `${field}.container_path: "${filePath}" is given twice` };
    seen.add(filePath);
    references.files.push({ path: filePath, secret: volume.source.secret!.reference!.name! });
  }
  return { references };
}

/** The first problem with a task's secret references, or undefined. */
export function taskSecretsProblem(command: CommandInfo | null | undefined, container: ContainerInfo | null | undefined, prefix = 'task'): string | undefined {
  const found = taskSecretReferences(command, container, prefix);
  return 'problem' in found ? found.problem : undefined;
}

/** The names of every secret a task references (for messages and audits; never values). */
export function referencedSecretNames(references: TaskSecretReferences): string[] {
  const names = [...references.variables.map((v) => v.secret), ...references.files.map((f) => f.secret)];
  if (references.imageConfig) names.push(references.imageConfig);
  return [...new Set(names)].sort();
}
