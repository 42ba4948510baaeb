import pc from 'picocolors';
import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import { fitColumns, renderTable, wrapCell } from './table';

const color = pc.createColors(true);
const head = ['Email', 'Name', 'Status'];
const rows = [
  ['maria@example.com', 'Мария Ивановна Длинная-Фамилия', color.green('active')],
  ['li@example.com', '李小龍 和 朋友们 😀', color.red('disabled')],
];

const widths = (table: string) => new Set(table.split('\n').map((line) => stringWidth(line)));

describe('tables', () => {
  it('are left alone when they fit', () => {
    expect(fitColumns(head, rows, 200)).toBeUndefined();
    expect(renderTable(head, rows, 200)).toBe(renderTable(head, rows));
  });

  it('fit a narrow terminal, every line as wide on screen, Cyrillic and CJK alike', () => {
    for (const columns of [60, 44, 36]) {
      const table = renderTable(head, rows, columns);
      expect(widths(table), `${columns} columns:\n${table}`).toEqual(
        new Set([Math.max(...widths(table))]),
      );
      expect(Math.max(...widths(table))).toBeLessThanOrEqual(columns);
    }
  });

  it('never wrap headings or coloured labels', () => {
    const table = renderTable(head, rows, 36);
    expect(table).toContain(color.red('disabled'));
    expect(table).toContain('Status');
  });

  it('break lines between words, and inside a word only when it is too long', () => {
    expect(wrapCell('Мария Ивановна', 8)).toBe('Мария\nИвановна');
    expect(wrapCell('Длинная-Фамилия', 8)).toBe('Длинная-\nФамилия');
    expect(wrapCell('李小龍和朋友', 5)).toBe('李小\n龍和\n朋友');
    expect(wrapCell('a\n\nb', 5)).toBe('a\n\nb');
  });
});
