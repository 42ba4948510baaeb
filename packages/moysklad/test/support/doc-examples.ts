import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

/** A JSON block of the official docs, with where it came from. */
export interface DocExample {
  file: string;
  line: number;
  value: unknown;
}

export const DEFAULT_DOC_DIR = '/work/shared/reference/moysklad-doc';

/** Every ```json block of every markdown file under `root` that is valid JSON. */
export function readDocExamples(root: string): { examples: DocExample[]; unparsable: number } {
  const examples: DocExample[] = [];
  let unparsable = 0;
  for (const path of markdownFiles(root)) {
    const text = readFileSync(path, 'utf8');
    for (const match of text.matchAll(/```json[^\n]*\n([\s\S]*?)```/g)) {
      const line = text.slice(0, match.index).split('\n').length;
      try {
        examples.push({ file: relative(root, path), line, value: JSON.parse(match[1] ?? '') });
      } catch {
        // Placeholders such as `<Response body is empty>`.
        unparsable++;
      }
    }
  }
  return { examples, unparsable };
}

function markdownFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) return markdownFiles(path);
      return entry.name.endsWith('.md') ? [path] : [];
    })
    .sort();
}
