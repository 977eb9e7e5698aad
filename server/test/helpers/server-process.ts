import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';

const ROOT = resolve(__dirname, '../../..');

export interface ServerProcess {
  /** http://127.0.0.1:<port> */
  url: string;
  child: ChildProcess;
  /** What the server printed (stdout and stderr), for failure messages. */
  output(): string;
  /** Resolves when the process has exited: its code, its signal, and when (Date.now()). */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>;
  /** Ends the process if it still runs (SIGKILL): for afterAll. */
  kill(): void;
}

/**
 * Starts server/src/main.ts as production does, as its own node process (tsx as a loader, so
 * the pid, the signals and the exit code are the server's, with no wrapper in between), on a
 * free port. `env` is the whole configuration beyond the test secrets of setup-env.ts.
 */
export async function startServerProcess(env: Record<string, string>, timeoutMs = 60_000): Promise<ServerProcess> {
  const childEnv: NodeJS.ProcessEnv = { ...process.env };
  for (const name of ['TEST_DATABASE_URL', 'REDIS_URL', 'JEST_WORKER_ID']) delete childEnv[name];
  Object.assign(childEnv, { HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'warn', RATE_LIMITS: 'off', LOGIN_PROVIDER: 'dev', SMS_PROVIDER: 'dev', FACE_CHECK_PROVIDER: 'dev' }, env);
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], { cwd: ROOT, env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString('utf8')).slice(-50_000);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>((done) => {
    child.once('exit', (code, signal) => done({ code, signal, at: Date.now() }));
  });
  let started = false;
  const url = await new Promise<string>((ready, fail) => {
    const timer = setTimeout(() => stop(new Error(`the server did not start within ${timeoutMs / 1000} s`)), timeoutMs);
    const onData = () => {
      const match = /Health Code server:\s+(http:\/\/\S+)/.exec(output);
      if (!match) return;
      started = true;
      clearTimeout(timer);
      child.stdout!.off('data', onData);
      ready(match[1]);
    };
    function stop(err: Error) {
      clearTimeout(timer);
      child.kill('SIGKILL');
      fail(new Error(`${err.message}:\n${output}`));
    }
    child.stdout!.on('data', onData);
    void exited.then(({ code }) => {
      if (!started) stop(new Error(`the server exited (code ${code}) before listening`));
    });
  });
  return {
    url,
    child,
    output: () => output,
    exited,
    kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    },
  };
}
