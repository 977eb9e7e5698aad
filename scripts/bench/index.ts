/**
 * The benchmarks: `npm run bench` runs them all, `npm run bench -- tracing` the named ones.
 * Each prints its numbers and writes its own section of docs/performance.md.
 */
import type { Bench } from './lib/bench';
import { tracingBench } from './tracing';
import { httpBench } from './http';

const BENCHES: Bench[] = [tracingBench, httpBench];

async function main(names: string[]): Promise<number> {
  if (names.includes('--help') || names.includes('-h')) {
    process.stdout.write(`usage: npm run bench [-- <name>...]\n\n${BENCHES.map((b) => `  ${b.name.padEnd(12)} ${b.summary}`).join('\n')}\n`);
    return 0;
  }
  const unknown = names.filter((name) => !BENCHES.some((b) => b.name === name));
  if (unknown.length > 0) {
    process.stderr.write(`unknown bench: ${unknown.join(', ')} (there are: ${BENCHES.map((b) => b.name).join(', ')})\n`);
    return 2;
  }
  const chosen = names.length > 0 ? BENCHES.filter((b) => names.includes(b.name)) : BENCHES;
  for (const bench of chosen) {
    process.stdout.write(`\n== bench: ${bench.name} ==\n`);
    const start = Date.now();
    await bench.run();
    process.stdout.write(`== ${bench.name} done in ${((Date.now() - start) / 1000).toFixed(0)} s ==\n`);
  }
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err) => {
    process.stderr.write(`${(err as Error).stack ?? err}\n`);
    process.exit(1);
  },
);
