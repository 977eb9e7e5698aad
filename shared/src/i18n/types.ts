/** The languages the product speaks: Chinese first, English second. */
export type Lang = 'zh-CN' | 'en-US';
export const LANGS: readonly Lang[] = ['zh-CN', 'en-US'];

/** A message in both languages; `{name}` placeholders are filled from params. */
export interface Message {
  zh: string;
  en: string;
}
export type Catalogue = Record<string, Message>;

/** Picks the best supported language from an Accept-Language header (Chinese by default). */
export function pickLang(acceptLanguage: string | undefined | null): Lang {
  if (!acceptLanguage) return 'zh-CN';
  const ranked = acceptLanguage
    .split(',')
    .map((part, i) => {
      const [tag, ...rest] = part.trim().split(';');
      const q = rest.map((r) => r.trim()).find((r) => r.startsWith('q='));
      const weight = q ? Number(q.slice(2)) : 1;
      return { tag: tag.toLowerCase(), weight: Number.isFinite(weight) ? weight : 0, i };
    })
    .filter((x) => x.weight > 0)
    .sort((a, b) => b.weight - a.weight || a.i - b.i);
  for (const { tag } of ranked) {
    if (tag.startsWith('zh')) return 'zh-CN';
    if (tag.startsWith('en')) return 'en-US';
  }
  return 'zh-CN';
}

/** A placeholder's value: plain, or itself in both languages (a platform's name). */
export type Param = string | number | Message;
export type Params = Record<string, Param>;

export function format(message: Message, lang: Lang, params?: Params): string {
  const pick = (m: Message) => (lang === 'en-US' ? m.en : m.zh);
  const text = pick(message);
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (m, key: string) => {
    if (!(key in params)) return m;
    const value = params[key];
    return typeof value === 'object' ? pick(value) : String(value);
  });
}
