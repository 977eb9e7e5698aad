/** One UI text in both languages; {name} placeholders are filled by t(). */
export interface Text {
  zh: string;
  en: string;
}
export type Catalogue = Record<string, Text>;
