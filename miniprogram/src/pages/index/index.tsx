import Taro, { useDidHide, useDidShow } from '@tarojs/taro';
import { useCallback, useEffect, useRef, useState } from 'react';
import { View, Text, Button } from '@tarojs/components';
import { Page } from '../../components/Page';
import { QrImage } from '../../components/QrImage';
import { ColourReasons } from '../../components/ColourReasons';
import { RecordsSummary, type Summary } from '../../components/RecordsSummary';
import { useT } from '../../i18n';
import { api, ApiError, login } from '../../services/api';
import { liveCode, loadCredential, summaryKey, type CachedCredential, type Subject } from '../../services/credential';
import { storage } from '../../state/storage';
import { flushQueue, queuedScans, scanIn, type ScanOutcome } from '../../services/scans';
import { platform } from '../../platform';
import { readSession, isOfficial, type Session } from '../../state/session';
import { formatClock, formatDateTime } from '../../lib/time';
import type { RelativeList, TestResults, TravelCard, Vaccinations } from '../../services/types';
import { useCodeSubject } from './useCodeSubject';
import './index.css';

type Status = 'loading' | 'ready' | 'unregistered' | 'error';
/** A new QR every 30 s keeps each one well inside its 60 s validity (R5). */
const QR_PERIOD_MS = 30_000;

const base = (s: Subject) => (s.kind === 'self' ? '/me' : `/me/relatives/${encodeURIComponent(s.id)}`);

export default function CodePage() {
  const { t, lang } = useT();
  const [subject, setSubject] = useCodeSubject();
  const [session, setSession] = useState<Session | null>(readSession());
  const [status, setStatus] = useState<Status>('loading');
  const [error, setError] = useState<ApiError | null>(null);
  const [cached, setCached] = useState<CachedCredential | null>(null);
  const [fresh, setFresh] = useState(true);
  const [now, setNow] = useState(() => new Date());
  const [veiled, setVeiled] = useState(true);
  const [outcome, setOutcome] = useState<ScanOutcome | null>(null);
  const [reasonsOpen, setReasonsOpen] = useState(false);
  const [summary, setSummary] = useState<Summary>({ tests: null, vaccinations: null, travel: null });
  const [relatives, setRelatives] = useState<RelativeList['relatives']>([]);
  const [pending, setPending] = useState(queuedScans().length);
  const loadId = useRef(0);

  /**
   * Loads the code of `who`: the cached credential while it may be reused, a fresh one when
   * `force`d. `quiet` keeps what is shown until the new answer is there, and keeps it when the
   * request fails (a correction in the background, not a reload the person asked for).
   */
  const load = useCallback(async (who: Subject, force = false, quiet = false) => {
    const id = ++loadId.current;
    if (!quiet) {
      setStatus('loading');
      setError(null);
    }
    try {
      const current = readSession() ?? (await login());
      setSession(current);
      if (!current.registered) return setStatus('unregistered');
      const { cached: c, fresh: f, reused } = await loadCredential(who, new Date(), force ? 0 : undefined);
      if (id !== loadId.current) return;
      setCached(c);
      setFresh(f);
      setStatus('ready');
      if (c.answer.colour.colour !== 'green') setReasonsOpen(true);
      const saved = storage.get<{ summary: Summary; relatives: RelativeList['relatives'] }>(summaryKey(who));
      if (reused && saved) {
        setSummary(saved.summary);
        setRelatives(saved.relatives);
      } else if (f) {
        // The records below the code; each may fail alone without hiding the code.
        const [tests, vaccinations, travel, list] = await Promise.all([
          api.get<TestResults>(`${base(who)}/test-results`).catch(() => null),
          api.get<Vaccinations>(`${base(who)}/vaccinations`).catch(() => null),
          api.get<TravelCard>(`${base(who)}/travel-card`).catch(() => null),
          api.get<RelativeList>('/me/relatives').catch(() => null),
        ]);
        if (id !== loadId.current) return;
        const summary = { tests, vaccinations, travel };
        setSummary(summary);
        if (list) setRelatives(list.relatives);
        storage.set(summaryKey(who), { summary, relatives: list?.relatives ?? [] });
      } else if (saved) {
        setSummary(saved.summary);
        setRelatives(saved.relatives);
      }
      if (!f) return;
      const sent = await flushQueue();
      setPending(queuedScans().length);
      if (sent.sent > 0) void Taro.showToast({ title: t('code.sentLater', { n: sent.sent }), icon: 'none' });
    } catch (err) {
      if (id !== loadId.current || quiet) return;
      const e = err instanceof ApiError ? err : new ApiError(0, 'UNEXPECTED', String(err));
      if (e.code === 'REGISTRATION_REQUIRED') return setStatus('unregistered');
      setError(e);
      setStatus('error');
    }
  }, []);

  // The veil is back whenever the page is shown again (R6); the code reloads.
  useDidShow(() => {
    setVeiled(true);
    setOutcome(null);
    void load(subject);
  });
  useDidHide(() => setVeiled(true));
  // Switching between one's own code and a relative's (useDidShow covered the first load).
  const firstSubject = useRef(subject);
  useEffect(() => {
    if (subject === firstSubject.current) return;
    setVeiled(true);
    setOutcome(null);
    void load(subject);
  }, [subject]);

  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), 1000);
    return () => clearInterval(timer);
  }, []);

  const slot = Math.floor(now.getTime() / QR_PERIOD_MS);
  const [qrText, setQrText] = useState('');
  useEffect(() => {
    if (cached && Date.parse(cached.answer.expiresAt) > now.getTime()) setQrText(liveCode(cached, new Date(slot * QR_PERIOD_MS)));
    else setQrText('');
  }, [cached, slot]);

  const scan = async () => {
    const text = await platform.scan();
    if (text === null) return;
    const result = await scanIn(text, subject.kind === 'relative' ? subject.id : undefined);
    setOutcome(result);
    setPending(queuedScans().length);
    if (result.kind === 'refused') return;
    setVeiled(false);
    if (result.kind !== 'recorded') return;
    platform.speak(t('code.voice', { colour: t(`colour.${result.answer.colour.colour}`) }), lang);
    // The scan answers with the colour that counts now (R16). A code showing another one (a
    // credential reused from before an official's change) is replaced at once, QR and all.
    if (cached && result.answer.colour.colour !== cached.answer.colour.colour) void load(subject, true, true);
  };

  /** The person asks for his code again (told his colour changed): a fresh credential, not the reused one. */
  const refresh = () => {
    if (status !== 'loading') void load(subject, true);
  };

  const colour = cached?.answer.colour;
  const secondsLeft = Math.ceil(((slot + 1) * QR_PERIOD_MS - now.getTime()) / 1000);
  const expired = cached ? Date.parse(cached.answer.expiresAt) <= now.getTime() : false;

  return (
    <Page className="code-page">
      {relatives.length > 0 && (
        <View className="subjects">
          <Text className={`subject ${subject.kind === 'self' ? 'active' : ''}`} onClick={() => setSubject({ kind: 'self' })}>{t('code.self')}</Text>
          {relatives.map((r) => (
            <Text key={r.id} className={`subject ${subject.kind === 'relative' && subject.id === r.id ? 'active' : ''}`} onClick={() => setSubject({ kind: 'relative', id: r.id, name: r.name })}>
              {r.name}
            </Text>
          ))}
        </View>
      )}

      {!fresh && cached && <View className="banner" data-testid="offline-banner">{t('common.offline', { since: formatDateTime(cached.fetchedAt) })}</View>}
      {pending > 0 && <View className="banner">{t('code.queuedCount', { n: pending })}</View>}

      {status === 'loading' && <View className="card"><Text className="muted">{t('common.loading')}</Text></View>}

      {status === 'unregistered' && (
        <View className="card">
          <View className="card-title">{t('code.notRegistered')}</View>
          <Button className="btn btn-primary" onClick={() => Taro.navigateTo({ url: '/pages/login/index' })}>{t('code.register')}</Button>
        </View>
      )}

      {status === 'error' && error && (
        <View className="card">
          <View className="card-title">{t('code.loadFailed')}</View>
          <View className="banner error">{error.message}</View>
          <Button className="btn" onClick={() => load(subject, true)}>{t('common.retry')}</Button>
          <Button className="btn" onClick={() => Taro.navigateTo({ url: '/pages/help/index' })}>{t('nav.help')}</Button>
        </View>
      )}

      {status === 'ready' && cached && colour && (
        <View className="card code-card" data-testid="code-card" data-colour={colour.colour}>
          <View className={`colour-block colour-${colour.colour}`} onClick={() => colour.colour !== 'green' && setReasonsOpen(true)}>
            <Text className="colour-name">{t(`colour.${colour.colour}`)}</Text>
            <Text className="colour-hint">{t(`colour.${colour.colour}.hint`)}</Text>
            {colour.vaccinated && <Text className="badge" data-testid="vaccinated">🛡 {t('code.vaccinated')}</Text>}
          </View>
          <View className="clock" data-testid="clock">{`${t('code.clock')} ${formatClock(now)}`}</View>
          {subject.kind === 'relative' && <View className="muted">{t('code.forRelative', { name: subject.name })}</View>}

          {veiled ? (
            <View className="veil" data-testid="veil">
              <Text className="veil-text">{t('code.veil')}</Text>
              <Button className="btn btn-primary scan-button" onClick={scan}>{t('code.scan')}</Button>
            </View>
          ) : (
            <View className="qr-area">
              {qrText && !expired && <QrImage text={qrText} label={t('code.title')} />}
              <Text className="muted">{t('code.refreshIn', { s: secondsLeft })}</Text>
              <Text className="muted">{t('code.validUntil', { time: formatDateTime(cached.answer.expiresAt) })}</Text>
            </View>
          )}
          {/* Below the QR, not above: the QR keeps its place on the screen. */}
          <View className="muted fetched" data-testid="fetched">
            <Text>{t('code.fetchedAt', { time: formatDateTime(cached.fetchedAt) })}</Text>
            <Text className="refresh-link" data-testid="refresh" onClick={refresh}>{t('code.refresh')}</Text>
          </View>

          {outcome?.kind === 'recorded' && (
            <View className="entry" data-testid="entry">
              <View className="card-title">{`${t('code.entered')} · ${outcome.answer.venue.name}`}</View>
              <Text className="muted">{outcome.answer.venue.address}</Text>
              <Text>{t('code.enteredAt', { time: formatDateTime(outcome.answer.enteredAt) })}</Text>
              <Text className={`text-${outcome.answer.colour.colour}`}>{t(`colour.${outcome.answer.colour.colour}`)}</Text>
            </View>
          )}
          {outcome?.kind === 'queued' && <View className="banner" data-testid="entry-queued">{t('code.queued')}</View>}
          {outcome?.kind === 'refused' && (
            <View className="overlay" data-testid="scan-refused">
              <View className="dialog">
                <View className="dialog-title text-red">{outcome.error.message}</View>
                <Button className="btn btn-primary" onClick={() => { setOutcome(null); void scan(); }}>{t('code.scanAgain')}</Button>
                <Button className="btn" onClick={() => setOutcome(null)}>{t('common.cancel')}</Button>
              </View>
            </View>
          )}
        </View>
      )}

      {status === 'ready' && <RecordsSummary summary={summary} />}

      <View className="card nav-grid">
        <Text className="nav-item" onClick={() => Taro.navigateTo({ url: `/pages/records/index${subject.kind === 'relative' ? `?relative=${subject.id}` : ''}` })}>{t('nav.records')}</Text>
        <Text className="nav-item" onClick={() => Taro.navigateTo({ url: '/relatives/pages/list/index' })}>{t('nav.relatives')}</Text>
        <Text className="nav-item" onClick={() => Taro.navigateTo({ url: '/venues/pages/list/index' })}>{t('nav.venues')}</Text>
        {(session?.role === 'checkpoint' || isOfficial(session?.role)) && (
          <Text className="nav-item" onClick={() => Taro.navigateTo({ url: '/checkpoint/pages/verify/index' })}>{t('nav.checkpoint')}</Text>
        )}
        {isOfficial(session?.role) && <Text className="nav-item" onClick={() => Taro.navigateTo({ url: '/console/pages/home/index' })}>{t('nav.console')}</Text>}
        <Text className="nav-item" onClick={() => Taro.navigateTo({ url: '/pages/help/index' })}>{t('nav.help')}</Text>
        <Text className="nav-item" onClick={() => Taro.navigateTo({ url: '/pages/settings/index' })}>{t('nav.settings')}</Text>
      </View>

      {reasonsOpen && colour && colour.colour !== 'green' && (
        <ColourReasons
          colour={colour}
          onClose={() => setReasonsOpen(false)}
          onAppeal={() => {
            setReasonsOpen(false);
            void Taro.navigateTo({ url: `/pages/help/index?appeal=1${subject.kind === 'relative' ? `&relative=${subject.id}` : ''}` });
          }}
        />
      )}
    </Page>
  );
}
