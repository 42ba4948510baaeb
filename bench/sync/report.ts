import type { EntityFigures, RunFigures } from './measure';

const n = (x: number) => Math.round(x).toLocaleString('en-US').replace(/,/g, ' ');
export const seconds = (ms: number) =>
  ms < 10_000 ? `${(ms / 1000).toFixed(2)} s` : `${(ms / 1000).toFixed(1)} s`;
const mb = (bytes: number) => `${n(bytes / 1e6)} MB`;
const share = (part: number, whole: number) =>
  whole > 0 ? `${Math.round((part / whole) * 100)}%` : '—';

/** A Markdown table, numbers right-aligned, ready for the README. */
export function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(' | ')} |`;
  const rule = `| ${widths.map((w, i) => (i === 0 ? '-'.repeat(w) : `${'-'.repeat(w - 1)}:`)).join(' | ')} |`;
  return [line(header), rule, ...rows.map(line)].join('\n');
}

function entityRow(e: EntityFigures): string[] {
  const o = e.occupancy;
  return [
    e.entity,
    n(e.fetched),
    n(e.written),
    n(e.requests),
    e.minimum === undefined ? '—' : n(e.minimum),
    n(e.units),
    seconds(o.ms),
    o.ms > 0 ? n(e.written / (o.ms / 1000)) : '—',
    seconds(e.boundMs),
    e.boundMs > 0 ? (o.ms / e.boundMs).toFixed(2) : '—',
    `${seconds(o.idleMs)} (${share(o.idleMs, o.ms)})`,
    seconds(o.budgetHeldMs),
    o.meanInFlight.toFixed(1),
    `${Math.round(o.meanHeadersMs)} ms`,
    `${seconds(e.queries.ms)} / ${n(e.queries.count)}`,
    seconds(e.cpuMs),
  ];
}

const ENTITY_HEADER = [
  'entity',
  'rows sent',
  'rows written',
  'requests',
  'minimum',
  'units',
  'time',
  'rows/s',
  'bound',
  'time/bound',
  'none out',
  'held by budget',
  'out at once',
  'to headers',
  'SQL time / statements',
  'sync CPU',
];

/** Everything about one run: a summary, then entity by entity. */
export function describeRun(label: string, r: RunFigures): string {
  const written = r.entities.reduce((s, e) => s + e.written, 0);
  const o = r.occupancy;
  const excess =
    r.minimum === undefined
      ? ''
      : `, minimum ${n(r.minimum)} (${r.requests >= r.minimum ? '+' : ''}${n(r.requests - r.minimum)})`;
  const levels = (r.errors as { level?: string }[]).reduce<Record<string, number>>((acc, e) => {
    acc[e.level ?? '?'] = (acc[e.level ?? '?'] ?? 0) + 1;
    return acc;
  }, {});
  return [
    `\n## ${label}: ${r.status} in ${seconds(r.ms)}, ${n(written)} rows written (${n(written / (r.ms / 1000))} rows/s)`,
    `requests ${n(r.requests)}${excess}; units ${n(r.units)}; lower bound ${seconds(r.boundMs)} ` +
      `(floor ${seconds(r.floorMs)}); duration / lower bound ${(r.ms / r.boundMs).toFixed(2)}`,
    // With a budget N times larger the run shows what the sync itself needs; entities run in
    // turn, so at real speed each takes at least the longer of that and its own bound.
    ...(r.realBoundMs > r.boundMs * 1.001
      ? [
          `at real speed (3 s window) the units alone take ${seconds(r.realBoundMs)}; entity by ` +
            `entity the longer of this run's time and that bound sums to ${seconds(r.projectedMs)}, ` +
            `${(r.projectedMs / r.realBoundMs).toFixed(2)} × the real-speed bound`,
        ]
      : []),
    `429s: client ${r.rateLimited.client}, emulator ${r.rateLimited.emulator}; ` +
      `fullest bucket ${r.peakUnits}/45; run log ${JSON.stringify(levels)}`,
    `CPU: sync ${r.cpu.sync.toFixed(0)} s (${share(r.cpu.sync * 1000, r.ms)}), ` +
      `emulator ${r.cpu.emulator?.toFixed(0) ?? '?'} s (${share((r.cpu.emulator ?? 0) * 1000, r.ms)}), ` +
      `PostgreSQL ${r.cpu.postgres.toFixed(0)} s (${share(r.cpu.postgres * 1000, r.ms)}) — shares of the duration, per core`,
    `HTTP: requests out ${seconds(o.busyMs)} (${o.meanInFlight.toFixed(1)} at once on average, ` +
      `${Math.round(o.meanHeadersMs)} ms to headers, ${Math.round(o.meanExchangeMs)} ms to the last byte); ` +
      `none out ${seconds(o.idleMs)} (${share(o.idleMs, o.ms)}), of which held by the client's rate budget ${seconds(o.budgetHeldMs)}`,
    `peak RSS of the sync process ${mb(r.maxRssBytes)}; database ${mb(r.databaseBytes)}`,
    '',
    table(ENTITY_HEADER, r.entities.filter((e) => e.requests > 0 || e.written > 0).map(entityRow)),
    '',
    table(
      ['slowest statements (all entities)', 'count', 'time', 'mean', 'rows'],
      r.statements.map(([sql, t]) => [
        `\`${sql}\``,
        n(t.count),
        seconds(t.ms),
        `${(t.ms / t.count).toFixed(1)} ms`,
        n(t.rows),
      ]),
    ),
  ].join('\n');
}
