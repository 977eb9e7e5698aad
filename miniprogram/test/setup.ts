// Build-time constants the app reads (config/index.ts defines them for real builds).
(globalThis as { HC_API_BASE?: string }).HC_API_BASE = '';
(globalThis as { defineAppConfig?: unknown }).defineAppConfig = (c: unknown) => c;
(globalThis as { definePageConfig?: unknown }).definePageConfig = (c: unknown) => c;
// jsdom has no TextEncoder (nor do older WeChat base libraries: app.ts loads a polyfill).
import { TextEncoder, TextDecoder } from 'node:util';
Object.assign(globalThis, { TextEncoder, TextDecoder });
