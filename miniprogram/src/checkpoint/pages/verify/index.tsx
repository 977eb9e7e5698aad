import { useEffect, useState } from 'react';
import Taro from '@tarojs/taro';
import { Button, Switch, Text, View } from '@tarojs/components';
import { Page } from '../../../components/Page';
import { useT } from '../../../i18n';
import { platform } from '../../../platform';
import { cachedKeys, keySet } from '../../../services/keys';
import { isOfficial, readSession } from '../../../state/session';
import { formatDateTime } from '../../../lib/time';
import { verifyScanned, type OfflineWhy, type Verdict } from '../../verify';
import '../../i18n';
import './index.css';

type T = ReturnType<typeof useT>['t'];

function whyText(t: T, why: OfflineWhy): string {
  if (why.kind === 'busy') return t('cp.why.busy', { message: why.message });
  return t(`cp.why.${why.kind}`);
}

function Row({ label, value, testId }: { label: string; value: string; testId?: string }) {
  return (
    <View className="row" data-testid={testId}>
      <Text className="muted">{label}</Text>
      <Text className="cp-value">{value}</Text>
    </View>
  );
}

/** A code that passed: the colour as a big block, then what the checkpoint must see (R8). */
function Passed({ verdict, onNext }: { verdict: Extract<Verdict, { kind: 'passed' }>; onNext: () => void }) {
  const { t } = useT();
  const online = verdict.mode === 'online' ? verdict.answer : null;
  const offline = verdict.mode === 'offline' ? verdict : null;
  const colour = online ? online.colour : offline!.code.credential.colour;
  const vaccinated = online ? online.vaccinated : offline!.code.credential.vaccinated;
  const printed = online ? online.offline : offline!.code.offline;
  const shownAt = online ? online.shownAt : offline!.code.shownAt.toISOString();
  const validUntil = online ? online.validUntil : offline!.code.validUntil.toISOString();
  return (
    <View className={`cp-full colour-${colour}`} data-testid="cp-result" data-colour={colour} data-mode={verdict.mode}>
      <View className="cp-head">
        <Text className="cp-colour">{t(`colour.${colour}`)}</Text>
        <Text className="cp-status">{`✓ ${t('cp.passed')}`}</Text>
      </View>
      <View className="cp-sheet">
        {online &&
          (online.colourChanged ? (
            <View className="banner error" data-testid="cp-colour-changed">
              {t('cp.colourChanged', { codeColour: t(`colour.${online.codeColour}`), colour: t(`colour.${online.colour}`) })}
            </View>
          ) : (
            <View className="muted">{t('cp.colourCurrent')}</View>
          ))}
        {online && <Row label={t('cp.name')} value={online.name} testId="cp-name" />}
        {online && <Row label={t('cp.idNumber')} value={online.idNumber} testId="cp-id" />}
        {offline && (
          <View className="banner" data-testid="cp-no-name">
            <View>{t('cp.noName')}</View>
            <View>{t('cp.notCurrent')}</View>
          </View>
        )}
        <Row label={t(printed ? 'cp.kind.printed' : 'cp.kind.live')} value={t('cp.withinValidity')} testId="cp-validity" />
        <Row label={t('cp.shownAt')} value={formatDateTime(shownAt)} />
        <Row label={t('cp.validUntil')} value={formatDateTime(validUntil)} />
        <View className="row" data-testid="cp-vaccination">
          <Text className={vaccinated ? 'text-green cp-value' : 'muted'}>{vaccinated ? `🛡 ${t('cp.vaccinated')}` : t('cp.notVaccinated')}</Text>
        </View>
        <Text className="cp-mode muted" data-testid="cp-mode">
          {offline ? t('cp.mode.offline', { time: formatDateTime(offline.keysFetchedAt) }) : t('cp.mode.online')}
        </Text>
        {offline && <Text className="cp-mode muted" data-testid="cp-why">{whyText(t, offline.why)}</Text>}
      </View>
      <Button className="btn cp-next" onClick={onNext}>{t('cp.next')}</Button>
    </View>
  );
}

/** A refused code: red from edge to edge, with the reason (forged, altered, expired, ...). */
function Refused({ verdict, onNext }: { verdict: Extract<Verdict, { kind: 'refused' }>; onNext: () => void }) {
  const { t } = useT();
  return (
    <View className="cp-full colour-red" data-testid="cp-refused" data-code={verdict.code} data-mode={verdict.mode}>
      <View className="cp-head">
        <Text className="cp-colour">✕</Text>
        <Text className="cp-status">{t('cp.refused')}</Text>
      </View>
      <View className="cp-sheet">
        <Text className="cp-reason" data-testid="cp-reason">{verdict.message}</Text>
        <Text className="cp-mode muted" data-testid="cp-mode">
          {verdict.mode === 'offline' ? t('cp.mode.offlineRefused', { time: formatDateTime(verdict.keysFetchedAt) }) : t('cp.mode.onlineRefused')}
        </Text>
        {verdict.mode === 'offline' && <Text className="cp-mode muted" data-testid="cp-why">{whyText(t, verdict.why)}</Text>}
      </View>
      <Button className="btn cp-next" onClick={onNext}>{t('cp.next')}</Button>
    </View>
  );
}

/**
 * Checkpoint mode (R8): scan a resident's code, judge it online (the current colour wins) or
 * offline with the cached published keys, and show the verdict across the whole screen.
 */
export default function VerifyPage() {
  const { t, lang } = useT();
  const [role] = useState(() => readSession()?.role);
  // Without a session the wrapper logs in first and the server judges the role.
  const allowed = role === undefined || role === 'checkpoint' || isOfficial(role);
  const [keysAt, setKeysAt] = useState<string | null>(() => cachedKeys()?.fetchedAt ?? null);
  const [offlineOnly, setOfflineOnly] = useState(false);
  const [busy, setBusy] = useState(false);
  const [verdict, setVerdict] = useState<Verdict | null>(null);
  const [lastText, setLastText] = useState('');
  const [scanError, setScanError] = useState('');

  const refreshKeys = async (announce: boolean) => {
    const before = cachedKeys()?.fetchedAt ?? null;
    const keys = await keySet(new Date(), true);
    setKeysAt(keys?.fetchedAt ?? null);
    if (announce) void Taro.showToast({ title: t(keys && keys.fetchedAt !== before ? 'cp.keysUpdated' : 'cp.keysNotUpdated'), icon: 'none' });
  };

  // Keys are fetched afresh when the page opens and whenever the network comes back, so a
  // revoked key is refused offline as soon as possible.
  useEffect(() => {
    if (!allowed) return undefined;
    void refreshKeys(false);
    const onNetwork = (res: { isConnected: boolean }) => {
      if (res.isConnected) void refreshKeys(false);
    };
    Taro.onNetworkStatusChange(onNetwork);
    return () => {
      Taro.offNetworkStatusChange?.(onNetwork);
    };
  }, []);

  const judge = async (text: string, offline: boolean) => {
    setBusy(true);
    setLastText(text);
    setVerdict(null);
    try {
      const result = await verifyScanned(text, offline);
      setVerdict(result);
      setKeysAt(cachedKeys()?.fetchedAt ?? null);
      if (result.kind === 'passed') platform.speak(t(`colour.${result.mode === 'online' ? result.answer.colour : result.code.credential.colour}`), lang);
      if (result.kind === 'refused') platform.speak(t('cp.refused'), lang);
    } finally {
      setBusy(false);
    }
  };

  const scan = async () => {
    setVerdict(null);
    setScanError('');
    let text: string | null;
    try {
      text = await platform.scan();
    } catch (err) {
      setScanError(String((err as { errMsg?: string; message?: string })?.errMsg ?? (err as Error)?.message ?? err));
      return;
    }
    if (text === null) return;
    await judge(text, offlineOnly);
  };

  if (!allowed) {
    return (
      <Page>
        <View className="card" data-testid="cp-not-staff">
          <View className="card-title">{t('cp.title')}</View>
          <View className="banner">{t('cp.notStaff')}</View>
          <Button className="btn btn-primary" onClick={() => Taro.navigateTo({ url: '/pages/settings/index' })}>{t('cp.toSettings')}</Button>
        </View>
      </Page>
    );
  }

  return (
    <Page>
      {verdict?.kind === 'passed' && <Passed verdict={verdict} onNext={scan} />}
      {verdict?.kind === 'refused' && <Refused verdict={verdict} onNext={scan} />}

      <View className="card">
        <View className="card-title">{t('cp.title')}</View>
        <Text className="muted">{t('cp.intro')}</Text>
        {/* The changing label sits in its own Text: changed as the button's only text, React would
            replace every child of Taro H5's button, its loading icon's anchor too (a console error). */}
        <Button className="btn btn-primary cp-scan" loading={busy} onClick={scan}>
          <Text>{busy ? t('cp.verifying') : t('cp.scan')}</Text>
        </Button>
        <View className="cp-option">
          <View>
            <View>{t('cp.offlineOnly')}</View>
            <Text className="muted">{t('cp.offlineOnlyHint')}</Text>
          </View>
          <Switch checked={offlineOnly} ariaLabel={t('cp.offlineOnly')} onChange={(e) => setOfflineOnly(e.detail.value)} />
        </View>
        {scanError && <View className="banner error">{scanError}</View>}
      </View>

      {verdict?.kind === 'failed' && (
        <View className="card" data-testid="cp-failed">
          <View className="card-title">{t('cp.failed')}</View>
          <View className="banner error">{verdict.error.message}</View>
          {verdict.error.code !== 'NO_KEYS' && <Button className="btn" onClick={() => judge(lastText, true)}>{t('cp.verifyOffline')}</Button>}
          <Button className="btn" onClick={() => judge(lastText, false)}>{t('cp.retryOnline')}</Button>
        </View>
      )}

      <View className="card" data-testid="cp-keys">
        <Text className={keysAt ? 'muted' : 'error-text'}>{keysAt ? t('cp.keys', { time: formatDateTime(keysAt) }) : t('cp.keysNone')}</Text>
        <Button className="btn" onClick={() => refreshKeys(true)}>{t('cp.keysRefresh')}</Button>
      </View>
    </Page>
  );
}
