/**
 * One phone in a surge (scripts/bench/lib/overload.ts), in a process of its own so that the
 * load generator's busy event loop does not delay the answers it times. Messages from the
 * parent: `{ start: { base, timeoutMs, requests } }` opens the connection with a first scan and answers
 * `{ ready, first }`; `{ go: true }` starts a scan every 50 ms over that kept-alive connection,
 * with the app's timeout; `{ stop: true }` ends it and answers `{ answers }`.
 */
interface Start {
  base: string;
  /** The app's request timeout: an answer later than this is no answer. */
  timeoutMs: number;
  requests: Array<{ headers: Record<string, string>; body: string }>;
}
interface Answer {
  status: number;
  ms: number;
}

const PROBE_EVERY_MS = 50;

let start: Start;
let sent = 0;
let probing: Promise<Answer[]> | null = null;
let stopping = false;

async function send(): Promise<Answer> {
  const { headers, body } = start.requests[sent++ % start.requests.length];
  const began = performance.now();
  try {
    const res = await fetch(`${start.base}/api/v1/scans`, { method: 'POST', headers, body, signal: AbortSignal.timeout(start.timeoutMs) });
    await res.arrayBuffer();
    return { status: res.status, ms: performance.now() - began };
  } catch {
    return { status: 0, ms: performance.now() - began };
  }
}

async function probe(): Promise<Answer[]> {
  const answers: Answer[] = [];
  while (!stopping) {
    answers.push(await send());
    await new Promise((r) => setTimeout(r, PROBE_EVERY_MS));
  }
  return answers;
}

process.on('message', (m: { start?: Start; go?: true; stop?: true }) => {
  if (m.start) {
    start = m.start;
    // The connection is opened before the crowd's: a phone reaches the server through the
    // balancer's connections, and here it would otherwise wait out SYN retries (1, 3, 7 s)
    // while thousands of connections at once overflow the listen queue.
    void send().then((first) => process.send!({ ready: true, first: first.status }));
  }
  if (m.go) probing = probe();
  if (m.stop) {
    stopping = true;
    void probing!.then((answers) => process.send!({ answers }, () => process.exit(0)));
  }
});
