import { cpus, release, totalmem } from 'node:os';

/** The machine a bench ran on, in one line for the report. */
export function machineLine(): string {
  const cores = cpus();
  const model = cores[0]?.model?.trim() || 'unknown CPU';
  const gib = (totalmem() / 1024 ** 3).toFixed(1);
  return `${cores.length} cores (${model}), ${gib} GiB memory, Linux ${release()}, Node ${process.version}`;
}
