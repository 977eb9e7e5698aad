import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import { Field } from '../../../components/Field';
import { useT } from '../../../i18n';
import { api, type ApiError } from '../../../services/api';
import { readSession } from '../../../state/session';
import { ConsolePage } from '../../components/ConsolePage';
import { Dialog, namesField } from '../../components/Dialog';
import { ReasonField } from '../../components/ReasonField';
import { ShownOnce } from '../../components/ShownOnce';
import { TextField } from '../../components/TextField';
import { ActionError, Chips, Empty, ErrorBox, KV, Loading } from '../../components/States';
import { when } from '../../format';
import type { Invitation, StaffList, StaffMember, StaffRole } from '../../types';
import { asApiError, useLoad } from '../../useLoad';
import '../../i18n';
import '../../console.css';

const ROLES: StaffRole[] = ['official', 'reviewer', 'tracer', 'checkpoint'];

function Staff() {
  const { t } = useT();
  const me = readSession()?.accountId;
  const { state, reload } = useLoad(() => api.get<StaffList>('/officials/staff'), []);
  const [role, setRole] = useState<StaffRole>('reviewer');
  const [displayName, setDisplayName] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  // The code lives only here until the official has handed it on.
  const [invitation, setInvitation] = useState<Invitation | null>(null);
  const [revoking, setRevoking] = useState<StaffMember | null>(null);
  const [reason, setReason] = useState('');
  const [revokeBusy, setRevokeBusy] = useState(false);
  const [revokeError, setRevokeError] = useState<ApiError | null>(null);

  const invite = async () => {
    setBusy(true);
    setError(null);
    try {
      setInvitation(await api.post<Invitation>('/officials/staff/invitations', { role, displayName: displayName.trim() }));
      setDisplayName('');
    } catch (err) {
      setError(asApiError(err));
    } finally {
      setBusy(false);
    }
  };

  const revoke = async () => {
    if (!revoking) return;
    setRevokeBusy(true);
    setRevokeError(null);
    try {
      await api.post(`/officials/staff/${encodeURIComponent(revoking.id)}/revoke`, { reason });
      setRevoking(null);
      void Taro.showToast({ title: t('console.staff.revoked'), icon: 'success' });
      await reload(true);
    } catch (err) {
      setRevokeError(asApiError(err));
    } finally {
      setRevokeBusy(false);
    }
  };

  return (
    <View className="console-split">
      <View>
        {invitation ? (
          <ShownOnce
            testId="staff-code"
            title={t('console.staff.invitedTitle', { name: invitation.displayName })}
            label={t('console.staff.code')}
            secret={invitation.code}
            warning={t('console.staff.onceWarning')}
            facts={[
              { label: t('console.staff.role'), value: t(`console.role.${invitation.role}`) },
              { label: t('console.staff.expiresAt'), value: when(invitation.expiresAt) },
            ]}
            hint={t('console.staff.howToRedeem')}
            onDone={() => setInvitation(null)}
          />
        ) : (
          <View className="card" data-testid="staff-invite">
            <View className="card-title">{t('console.staff.invite')}</View>
            <Field label={t('console.staff.role')} error={error?.fieldMessage('role')}>
              <Chips options={ROLES.map((r) => ({ value: r, text: t(`console.role.${r}`) }))} value={role} onChange={setRole} />
              <Text className="muted">{t(`console.staff.roleHint.${role}`)}</Text>
            </Field>
            <TextField label={t('console.staff.displayName')} value={displayName} onChange={setDisplayName} error={error} path="displayName" maxlength={64} placeholder={t('console.staff.displayNameHint')} />
            {!namesField(error, ['role', 'displayName']) && <ActionError error={error} />}
            <Button className="btn btn-primary" loading={busy} onClick={invite}>
              {t('console.staff.inviteButton')}
            </Button>
          </View>
        )}
      </View>
      <View>
        {state.status === 'loading' && <Loading />}
        {state.status === 'error' && <ErrorBox error={state.error} onRetry={() => reload()} />}
        {state.status === 'ready' && state.data.staff.length === 0 && <Empty />}
        {state.status === 'ready' &&
          state.data.staff.map((s) => (
            <View key={s.id} className="card" data-testid={`staff-${s.id}`}>
              <View className="console-card-head">
                <Text className="card-title">{s.displayName ?? t('console.staff.noName')}</Text>
                <Text className="console-badge">{t(`console.role.${s.role}`)}</Text>
              </View>
              <KV label={t('console.staff.platform')}>{t(`console.platform.${s.platform}`) === `console.platform.${s.platform}` ? s.platform : t(`console.platform.${s.platform}`)}</KV>
              <KV label={t('console.staff.lastLogin')}>{when(s.lastLoginAt)}</KV>
              {s.id === me ? (
                <View className="muted">{t('console.staff.you')}</View>
              ) : (
                <View className="console-actions">
                  <Button
                    className="btn btn-danger"
                    onClick={() => {
                      setReason('');
                      setRevokeError(null);
                      setRevoking(s);
                    }}
                  >
                    {t('console.staff.revoke')}
                  </Button>
                </View>
              )}
            </View>
          ))}
      </View>
      {revoking && (
        <Dialog
          title={t('console.staff.revokeTitle', { name: revoking.displayName ?? t('console.staff.noName') })}
          confirmText={t('console.staff.revoke')}
          danger
          busy={revokeBusy}
          error={revokeError}
          showError={!namesField(revokeError, ['reason'])}
          onConfirm={revoke}
          onCancel={() => setRevoking(null)}
        >
          <View className="muted console-gap">{t('console.staff.revokeHint')}</View>
          <ReasonField label={t('console.reason')} value={reason} onChange={setReason} error={revokeError} />
        </Dialog>
      )}
    </View>
  );
}

/** Staff accounts (issue 6 item 4): invite a colleague to a role with a one-time code, see who holds which role, take a role back. */
export default function StaffPage() {
  const { t } = useT();
  return (
    <ConsolePage section="staff" title={t('console.menu.staff')}>
      {() => <Staff />}
    </ConsolePage>
  );
}
