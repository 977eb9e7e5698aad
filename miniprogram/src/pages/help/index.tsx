import { useState } from 'react';
import { useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Page } from '../../components/Page';
import { Hotline } from '../../components/Hotline';
import { useT } from '../../i18n';
import { AppealSection } from './AppealSection';
import './index.css';

/** The common problems, in the order people meet them (R35). */
const QUESTIONS = ['network', 'realName', 'busy', 'colour', 'offlineCode'] as const;
type Question = (typeof QUESTIONS)[number];

/**
 * Help (R35): the common problems answered in the project's own words, a colour appeal, and
 * the hotline (a server setting) with a call button. Opened with `?appeal=1` (and
 * `&relative=<id>`) from the code page's colour pop-up.
 */
export default function HelpPage() {
  const { t } = useT();
  const { params } = useRouter();
  const appealing = params.appeal === '1';
  const relativeId = params.relative ? decodeURIComponent(params.relative) : undefined;
  const [open, setOpen] = useState<Question | null>(appealing ? 'colour' : null);

  return (
    <Page>
      {appealing && <AppealSection relativeId={relativeId} />}

      <View className="card" data-testid="faq">
        <View className="card-title">{t('help.faq')}</View>
        {QUESTIONS.map((q) => (
          <View key={q} className="faq-item" data-testid={`faq-${q}`}>
            <View className="faq-q" onClick={() => setOpen(open === q ? null : q)}>
              <Text>{t(`help.q.${q}`)}</Text>
              <Text className="muted">{open === q ? '−' : '+'}</Text>
            </View>
            {open === q && <View className="faq-a">{t(`help.a.${q}`)}</View>}
          </View>
        ))}
      </View>

      {!appealing && <AppealSection />}

      <Hotline />
    </Page>
  );
}
