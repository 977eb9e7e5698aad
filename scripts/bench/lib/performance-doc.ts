import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';

export const PERFORMANCE_DOC = resolve(__dirname, '../../../docs/performance.md');

const HEADER = `# Performance 性能

Measured numbers, written by the benchmarks in \`scripts/bench/\` (\`npm run bench\` runs them all,
\`npm run bench -- <name>\` one). Each bench replaces only its own section, between its
\`<!-- bench:<name> -->\` markers; the text outside the markers is kept as it is. Speed targets are
checked here, by measurement, never by timed unit tests.
`;

/**
 * Puts `body` between the bench's markers in docs/performance.md: replaces the section if it is
 * there, appends it otherwise, and leaves every other section alone.
 */
export function writeSection(bench: string, body: string, file = PERFORMANCE_DOC): void {
  const open = `<!-- bench:${bench} -->`;
  const close = `<!-- /bench:${bench} -->`;
  const section = `${open}\n${body.trim()}\n${close}`;
  const text = existsSync(file) ? readFileSync(file, 'utf8') : HEADER;
  const start = text.indexOf(open);
  const end = text.indexOf(close);
  let next: string;
  if (start >= 0 && end > start) next = text.slice(0, start) + section + text.slice(end + close.length);
  else next = `${text.trimEnd()}\n\n${section}\n`;
  writeFileSync(file, next);
}
