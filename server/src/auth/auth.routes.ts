import {
  devSmsLatestRequest,
  devSmsLatestResponse,
  loginRequest,
  loginResponse,
  meResponse,
  registerRequest,
  registerResponse,
  smsSendRequest,
  smsSendResponse,
} from '@health-code/shared';
import { route, type RouteDef } from '../http/route';
import { NotFoundError } from '../http/errors';
import type { Services } from '../services';
import type { Deps } from '../deps';
import { residentView } from '../residents/resident-view';
import { DevSms } from '../sms/dev';

export function authRoutes(s: Services, deps: Deps): RouteDef[] {
  const routes: RouteDef[] = [
    route({
      method: 'post',
      path: '/auth/login',
      summary: 'Log in with the code from wx.login / my.getAuthCode',
      tag: 'auth',
      access: 'public',
      limit: 'login',
      body: loginRequest,
      response: loginResponse,
      errors: ['LOGIN_PLATFORM_UNSUPPORTED', 'LOGIN_CODE_REFUSED', 'LOGIN_PLATFORM_UNAVAILABLE'],
      async handler(_ctx, { body }) {
        const { token, expiresAt, account } = await s.login.login(body.platform, body.code);
        return {
          token,
          expiresAt: expiresAt.toISOString(),
          account: { id: account.id, platform: account.platform, role: account.role, registered: account.residentId !== null },
        };
      },
    }),
    route({
      method: 'post',
      path: '/sms/send',
      summary: 'Send a one-time code to a mobile number (R1)',
      tag: 'auth',
      access: 'account',
      limit: 'sms',
      body: smsSendRequest,
      response: smsSendResponse,
      status: 202,
      errors: ['SMS_RESEND_TOO_SOON', 'SMS_UNAVAILABLE'],
      async handler(_ctx, { body }) {
        const sent = await s.sms.send(body.phone);
        return { ...sent, sentAt: sent.sentAt.toISOString() };
      },
    }),
    route({
      method: 'post',
      path: '/residents/register',
      summary: 'Real-name registration of the logged-in account (R1, R2, R3)',
      tag: 'residents',
      access: 'account',
      limit: 'register',
      body: registerRequest,
      response: registerResponse,
      status: 201,
      errors: [
        'ACCOUNT_ALREADY_REGISTERED',
        'REAL_NAME_MISMATCH_NAME',
        'REAL_NAME_MISMATCH_ID',
        'NAME_ID_MISMATCH',
        'ALREADY_REGISTERED_SAME_PLATFORM',
        'ALREADY_REGISTERED_OTHER_PHONE',
        'SMS_CODE_NOT_SENT',
        'SMS_CODE_EXPIRED',
        'SMS_CODE_WRONG',
        'SMS_CODE_TOO_MANY_TRIES',
      ],
      async handler(_ctx, { body, auth }) {
        const { resident, linked } = await s.registration.register(auth.accountId, body);
        // A fresh session: the old one was issued before the account had a resident.
        const session = s.sessions.issue({ sub: auth.accountId, role: auth.role });
        return { resident: residentView(resident), linked, token: session.token, expiresAt: session.expiresAt.toISOString() };
      },
    }),
    route({
      method: 'get',
      path: '/me',
      summary: 'The logged-in account and its resident (masked)',
      tag: 'residents',
      access: 'account',
      response: meResponse,
      async handler(_ctx, { auth }) {
        const resident = auth.residentId ? await s.residents.findById(auth.residentId) : null;
        return {
          account: { id: auth.accountId, platform: auth.platform, role: auth.role },
          resident: resident ? residentView(resident) : null,
        };
      },
    }),
  ];
  // The development SMS outbox: how a newcomer reads the code that a real gateway would text.
  if (deps.sms instanceof DevSms && deps.config.NODE_ENV !== 'production') {
    const outbox = deps.sms;
    routes.push(
      route({
        method: 'post',
        path: '/dev/sms/latest',
        summary: 'Development only: the last code "sent" to a phone',
        tag: 'dev',
        access: 'public',
        body: devSmsLatestRequest,
        response: devSmsLatestResponse,
        handler(_ctx, { body }) {
          const code = outbox.latest(body.phone);
          if (!code) throw new NotFoundError('SMS_CODE_NOT_SENT');
          return { code };
        },
      }),
    );
  }
  return routes;
}
