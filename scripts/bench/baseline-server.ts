/**
 * The baseline of the HTTP bench: bare Koa with @koa/router answering a small JSON body, the
 * ceiling any route of ours could reach on this machine. Started by scripts/bench/http.ts in
 * its own process; PORT comes from the environment.
 */
import Koa from 'koa';
import Router from '@koa/router';

const app = new Koa();
const router = new Router();
router.get('/ping', (ctx) => {
  ctx.body = { ok: true, at: Date.now() };
});
app.use(router.routes());
const server = app.listen(Number(process.env.PORT), '127.0.0.1', () => process.send?.('ready'));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
