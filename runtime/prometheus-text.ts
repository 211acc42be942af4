/**
 * The Prometheus text exposition format (version 0.0.4), shared by the
 * master's and the agent's `/metrics`: samples in, text out. Pure.
 */

/** A metric line: name, value, help, type, optional labels. */
export interface MetricSample {
  name: string;
  value: number;
  help: string;
  type: 'counter' | 'gauge';
  labels?: Record<string, string>;
}

/**
 * A label value as the format writes it between double quotes: backslash,
 * double quote and line feed escaped (`\\`, `\"`, `\n`); everything else,
 * UTF-8 included, as it is.
 */
export function escapeLabelValue(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"');
}

/** A HELP text: backslash and line feed escaped (quotes stay). */
export function escapeHelp(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\n/g, '\\n');
}

/** A sample's value as text: `NaN`, `+Inf`, `-Inf` as the format spells them. */
export function formatValue(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Infinity) return '+Inf';
  if (value === -Infinity) return '-Inf';
  return String(value);
}

/** `{a="x",b="y"}`, or '' without labels. */
export function formatLabels(labels: Record<string, string> | undefined): string {
  if (!labels) return '';
  const entries = Object.entries(labels);
  if (entries.length === 0) return '';
  return `{${entries.map(([k, v]) => `${k}="${escapeLabelValue(v)}"`).join(',')}}`;
}

/**
 * Samples as exposition text; HELP and TYPE once per metric name, before
 * its first sample. A value that is not finite is written as 0 (our
 * gauges and counters are never meant to be NaN or infinite; a 0 keeps
 * sums over them usable).
 */
export function renderPrometheus(samples: readonly MetricSample[]): string {
  const out: string[] = [];
  const described = new Set<string>();
  for (const s of samples) {
    if (!described.has(s.name)) {
      out.push(`# HELP ${s.name} ${escapeHelp(s.help)}`);
      out.push(`# TYPE ${s.name} ${s.type}`);
      described.add(s.name);
    }
    out.push(`${s.name}${formatLabels(s.labels)} ${Number.isFinite(s.value) ? formatValue(s.value) : 0}`);
  }
  return out.join('\n') + '\n';
}
