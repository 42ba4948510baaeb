import { stripVTControlCharacters } from 'node:util';
import Table from 'cli-table3';
import stringWidth from 'string-width';

/*
 * Tables sized by display width: Cyrillic takes one column, CJK and emoji two. When a table is
 * wider than the terminal, the widest columns narrow and their cells wrap here (cli-table3's own
 * wrapping counts UTF-16 units and cuts through colour codes). Headings and coloured cells are
 * short labels and are never wrapped, so no escape sequence is ever split.
 */

const NARROWEST_COLUMN = 6;
const graphemes = new Intl.Segmenter();

const isStyled = (cell: string) => stripVTControlCharacters(cell) !== cell;
const widthOf = (cell: string) => Math.max(0, ...cell.split('\n').map((line) => stringWidth(line)));

/** Content widths (no padding) that fit `columns`; undefined when the table fits as it is. */
export function fitColumns(
  head: string[],
  rows: string[][],
  columns: number,
): number[] | undefined {
  const all = [head, ...rows];
  const widths = head.map((_, i) => Math.max(...all.map((row) => widthOf(row[i] ?? ''))));
  // Headings and coloured labels keep their width.
  const floors = head.map((title, i) =>
    Math.max(
      NARROWEST_COLUMN,
      widthOf(title),
      ...rows.map((row) => (isStyled(row[i] ?? '') ? widthOf(row[i]!) : 0)),
    ),
  );
  // One space either side of each cell and a border between and around the columns.
  let excess = widths.reduce((a, b) => a + b, 0) + widths.length * 3 + 1 - columns;
  if (excess <= 0) return undefined;
  while (excess > 0) {
    let widest = -1;
    widths.forEach((w, i) => {
      if (w > floors[i]! && (widest < 0 || w > widths[widest]!)) widest = i;
    });
    if (widest < 0) break; // as narrow as it goes; the terminal wraps the rest
    widths[widest]!--;
    excess--;
  }
  return widths;
}

/** A cell's lines no wider than `width`: broken between words, and inside words only when one is too long. */
export function wrapCell(cell: string, width: number): string {
  if (isStyled(cell)) return cell;
  return cell
    .split('\n')
    .flatMap((line) => {
      const lines: string[] = [];
      let current = '';
      const flush = () => {
        if (current.trim()) lines.push(current.trimEnd());
        current = '';
      };
      for (const word of line.split(/(?<=\s)/)) {
        if (stringWidth((current + word).trimEnd()) <= width) {
          current += word;
          continue;
        }
        flush();
        for (const { segment } of graphemes.segment(word)) {
          if (stringWidth((current + segment).trimEnd()) > width) flush();
          if (current || segment.trim()) current += segment;
        }
      }
      flush();
      return lines.length > 0 ? lines : [''];
    })
    .join('\n');
}

/** A boxed table; `columns` is the terminal's width, when writing to one. */
export function renderTable(head: string[], rows: string[][], columns?: number): string {
  const widths = columns ? fitColumns(head, rows, columns) : undefined;
  const table = new Table({
    head,
    style: { head: [], border: [] },
    ...(widths ? { colWidths: widths.map((w) => w + 2) } : {}),
  });
  table.push(
    ...(widths ? rows.map((row) => row.map((cell, i) => wrapCell(cell, widths[i]!))) : rows),
  );
  return table.toString();
}
