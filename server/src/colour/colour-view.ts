import { format, measureMessages, reasonMessages, symptomMessages, type ColourReason, type ColourResult, type Lang } from '@health-code/shared';

/** A time as people in China read it: local (UTC+8) date and minutes. */
function localTime(iso: string | undefined): string {
  if (!iso) return '';
  return new Date(Date.parse(iso) + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
}

function reasonParams(r: ColourReason, lang: Lang): Record<string, string> {
  const symptoms = (r.symptoms ?? []).map((s) => (symptomMessages[s] ? format(symptomMessages[s], lang) : s));
  if (r.temperature !== undefined) symptoms.push(`${r.temperature.toFixed(1)}°C`);
  return { at: localTime(r.at), region: r.region ?? '', detail: r.detail ?? '', symptoms: symptoms.join(lang === 'en-US' ? ', ' : '、') };
}

/** The colour as the app shows it: reasons and measures in the caller's language (R4). */
export function colourView(result: ColourResult & { computedAt: Date }, lang: Lang, hotline: string) {
  return {
    colour: result.colour,
    vaccinated: result.vaccinated,
    reasons: result.reasons.map((r) => ({
      code: r.code,
      ...(r.at ? { at: r.at } : {}),
      ...(r.region ? { region: r.region } : {}),
      ...(r.detail ? { detail: r.detail } : {}),
      message: format(reasonMessages[r.code], lang, reasonParams(r, lang)),
    })),
    measures: result.measures.map((code) => ({ code, message: format(measureMessages[code], lang, { hotline }) })),
    computedAt: result.computedAt.toISOString(),
  };
}
