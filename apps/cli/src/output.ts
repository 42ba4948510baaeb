import pc from 'picocolors';
import { renderTable } from './table';

/** Colours only for a terminal, and never when NO_COLOR is set (https://no-color.org). */
export const colorsFor = (stream: NodeJS.WriteStream) =>
  pc.createColors(Boolean(stream.isTTY) && !process.env.NO_COLOR);

export type Output = {
  json: boolean;
  color: ReturnType<typeof colorsFor>;
  line(text?: string): void;
  /** A note beside the result (hints, warnings): on stderr, so stdout stays the result alone. */
  note(text: string): void;
  /** The result: as JSON with `--json`, else as `human` prints it. */
  result<T>(value: T, human: (value: T) => void): void;
  table(head: string[], rows: string[][]): void;
  /** Label and value pairs, one a line, labels aligned. */
  details(pairs: [string, string][]): void;
};

export function createOutput(json: boolean): Output {
  const color = colorsFor(process.stdout);
  const line = (text = '') => process.stdout.write(`${text}\n`);
  return {
    json,
    color,
    line,
    note: (text) => process.stderr.write(`${text}\n`),
    result: (value, human) => (json ? line(JSON.stringify(value, null, 2)) : human(value)),
    table(head, rows) {
      line(
        renderTable(
          head.map((h) => color.bold(h)),
          rows,
          process.stdout.isTTY ? process.stdout.columns : undefined,
        ),
      );
    },
    details(pairs) {
      const width = Math.max(...pairs.map(([label]) => label.length)) + 2;
      for (const [label, value] of pairs) line(`${color.dim(`${label}:`.padEnd(width))}${value}`);
    },
  };
}

const dateTime = new Intl.DateTimeFormat('sv-SE', { dateStyle: 'short', timeStyle: 'short' });

/** Local time as `2026-11-25 14:05`; a dash for never. */
export const when = (date: Date | null | undefined) => (date ? dateTime.format(date) : '—');

/** A list page's footer: how many of how many, and how to get the next page. */
export function pageFooter(
  out: Output,
  page: { items: unknown[]; total: number; nextCursor: string | null },
  noun: string,
) {
  out.line(`${page.items.length} of ${page.total} ${noun}`);
  if (page.nextCursor) out.note(`next page: --cursor ${page.nextCursor}`);
}
