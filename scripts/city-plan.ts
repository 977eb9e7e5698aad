/**
 * The city plan's arithmetic (docs/scaling.md): from a city's size and habits and the per-process
 * rates measured by `npm run bench -- http`, how many server processes, database nodes and Redis
 * nodes a surge of 10x the normal peak needs, and what the credential design saves against a
 * code fetched every minute. Every assumption is a flag, printed with the result:
 *
 *   npm run city-plan -- --residents 20000000 --scan-rps 2500 --credential-rps 1200 --verify-rps 1050
 */
interface Plan {
  residents: number;
  /** Share of residents who use the code in the peak hour. */
  activeShare: number;
  /** Per active resident in the peak hour. */
  entries: number;
  pageOpens: number;
  /** Credential fetches per active hour: the app reuses one for 10 minutes (services/credential.ts). */
  credentialFetches: number;
  /** Record reads that come with each fetch (tests, vaccinations, travel card, relatives). */
  readsPerFetch: number;
  checkpointChecks: number;
  /** Minutes the code page stays open each time (the old design fetched a code every minute of it). */
  minutesOpen: number;
  /** The busiest minute against the hour's average. */
  peakMinuteFactor: number;
  surge: number;
  /** Measured requests/s of one server process (one core), from docs/performance.md. */
  scanRps: number;
  credentialRps: number;
  verifyRps: number;
  /** Usable share of a process's measured rate, leaving headroom for p99. */
  headroom: number;
  coresPerServer: number;
  /** Rows/s one database write node takes with group commit (issue 7's measured facts: 14-16k). */
  dbRowsPerNode: number;
  /** Operations/s one Redis node takes (rate limits, invalidations). */
  redisOpsPerNode: number;
}

const DEFAULTS: Plan = {
  residents: 20_000_000,
  activeShare: 0.25,
  entries: 2,
  pageOpens: 3,
  credentialFetches: 1.5,
  readsPerFetch: 4,
  checkpointChecks: 1,
  minutesOpen: 3,
  peakMinuteFactor: 2,
  surge: 10,
  // Medians of the 2026-12-03 bench runs on this 2-core machine (docs/performance.md).
  scanRps: 2500,
  credentialRps: 1200,
  verifyRps: 1050,
  headroom: 0.6,
  coresPerServer: 16,
  dbRowsPerNode: 14_000,
  redisOpsPerNode: 100_000,
};

function parse(argv: string[]): Plan {
  const plan = { ...DEFAULTS };
  for (let i = 0; i < argv.length; i += 2) {
    const key = argv[i].replace(/^--/, '').replace(/-(\w)/g, (_, c: string) => c.toUpperCase()) as keyof Plan;
    if (!(key in plan) || Number.isNaN(Number(argv[i + 1]))) throw new Error(`unknown flag or value: ${argv[i]} ${argv[i + 1] ?? ''}`);
    plan[key] = Number(argv[i + 1]);
  }
  return plan;
}

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

export function cityPlan(p: Plan) {
  const active = p.residents * p.activeShare;
  const perSecond = (perHour: number) => ((active * perHour) / 3600) * p.peakMinuteFactor;
  // Record reads are counted with credentials: both are a session check and a few indexed reads.
  const normal = { scans: perSecond(p.entries), credentials: perSecond(p.credentialFetches * (1 + p.readsPerFetch)), verifications: perSecond(p.checkpointChecks) };
  const surge = { scans: normal.scans * p.surge, credentials: normal.credentials * p.surge, verifications: normal.verifications * p.surge };
  // Core-seconds per second: each kind of request at its own measured rate.
  const cores = surge.scans / (p.scanRps * p.headroom) + surge.credentials / (p.credentialRps * p.headroom) + surge.verifications / (p.verifyRps * p.headroom);
  const servers = Math.ceil(cores / p.coresPerServer);
  const rows = surge.scans; // one row per scan; credentials and online checks read, and hit caches
  const dbNodes = Math.max(3, Math.ceil(rows / p.dbRowsPerNode) * 3); // three replicas of each write shard
  const redisOps = (surge.scans + surge.credentials + surge.verifications) * 2; // a rate-limit consume + an invalidation or read
  const redisNodes = Math.max(3, Math.ceil(redisOps / p.redisOpsPerNode) * 2); // primaries with a replica each
  // What the design removes: per active resident-hour, requests to the server.
  const ours = p.entries + p.credentialFetches * (1 + p.readsPerFetch) + p.checkpointChecks;
  const everyMinute = p.entries + p.pageOpens * (p.minutesOpen + p.readsPerFetch) + p.checkpointChecks;
  return { active, normal, surge, cores, servers, rows, dbNodes, redisOps, redisNodes, ours, everyMinute };
}

function main(): void {
  const p = parse(process.argv.slice(2));
  const r = cityPlan(p);
  const total = (x: { scans: number; credentials: number; verifications: number }) => x.scans + x.credentials + x.verifications;
  const lines = [
    `Assumptions: ${JSON.stringify(p)}`,
    '',
    `Active residents in the peak hour: ${fmt(r.active)}`,
    '',
    '| requests/s | scans | credentials and record reads | online checks | total |',
    '|---|---:|---:|---:|---:|',
    `| normal peak minute | ${fmt(r.normal.scans)} | ${fmt(r.normal.credentials)} | ${fmt(r.normal.verifications)} | ${fmt(total(r.normal))} |`,
    `| surge (${p.surge}x) | ${fmt(r.surge.scans)} | ${fmt(r.surge.credentials)} | ${fmt(r.surge.verifications)} | ${fmt(total(r.surge))} |`,
    '',
    `Server cores for the surge at ${p.headroom * 100}% of the measured per-process rates: ${fmt(r.cores)}; servers of ${p.coresPerServer} cores: ${r.servers}`,
    `Scan rows written per second at the surge: ${fmt(r.rows)}; database nodes (write shards x 3 replicas, at ${fmt(p.dbRowsPerNode)} rows/s a shard): ${r.dbNodes}`,
    `Redis operations per second: ${fmt(r.redisOps)}; Redis nodes (primaries with replicas): ${r.redisNodes}`,
    `Requests per active resident-hour: ${r.ours} with cached credentials, against ${r.everyMinute} with a code fetched every minute the page is open (${(r.everyMinute / r.ours).toFixed(1)}x).`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

if (require.main === module) main();
