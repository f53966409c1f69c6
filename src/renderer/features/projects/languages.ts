import type { LanguageCode } from '../../../shared/domain';

/** Languages offered first; any other BCP 47 code can still be typed. Names are in English. */
export const COMMON_LANGUAGES: { code: LanguageCode; name: string }[] = [
  { code: 'en', name: 'English' },
  { code: 'fr', name: 'French' },
  { code: 'es', name: 'Spanish' },
  { code: 'de', name: 'German' },
  { code: 'it', name: 'Italian' },
  { code: 'pt', name: 'Portuguese' },
  { code: 'pt-BR', name: 'Portuguese (Brazil)' },
  { code: 'nl', name: 'Dutch' },
  { code: 'sv', name: 'Swedish' },
  { code: 'da', name: 'Danish' },
  { code: 'nb', name: 'Norwegian' },
  { code: 'fi', name: 'Finnish' },
  { code: 'pl', name: 'Polish' },
  { code: 'cs', name: 'Czech' },
  { code: 'hu', name: 'Hungarian' },
  { code: 'ro', name: 'Romanian' },
  { code: 'el', name: 'Greek' },
  { code: 'tr', name: 'Turkish' },
  { code: 'ru', name: 'Russian' },
  { code: 'uk', name: 'Ukrainian' },
  { code: 'ar', name: 'Arabic' },
  { code: 'he', name: 'Hebrew' },
  { code: 'fa', name: 'Persian' },
  { code: 'hi', name: 'Hindi' },
  { code: 'bn', name: 'Bengali' },
  { code: 'ur', name: 'Urdu' },
  { code: 'zh', name: 'Chinese' },
  { code: 'ja', name: 'Japanese' },
  { code: 'ko', name: 'Korean' },
  { code: 'vi', name: 'Vietnamese' },
  { code: 'th', name: 'Thai' },
  { code: 'id', name: 'Indonesian' },
  { code: 'ms', name: 'Malay' },
  { code: 'sw', name: 'Swahili' },
  { code: 'ca', name: 'Catalan' },
  { code: 'eu', name: 'Basque' },
  { code: 'cy', name: 'Welsh' },
  { code: 'ga', name: 'Irish' },
  { code: 'la', name: 'Latin' },
  { code: 'eo', name: 'Esperanto' },
];

const byCode = new Map(COMMON_LANGUAGES.map((l) => [l.code.toLowerCase(), l.name]));
let display: Intl.DisplayNames | null = null;
try {
  display = new Intl.DisplayNames(['en'], { type: 'language' });
} catch {
  display = null;
}

/** "fr" -> "French"; unknown codes fall back to the browser's own name, then to the code itself. */
export function languageName(code: LanguageCode): string {
  const known = byCode.get(code.toLowerCase());
  if (known) return known;
  try {
    return display?.of(code) ?? code;
  } catch {
    return code;
  }
}

/** The language of the teacher's own browser or system, if it is one we list. */
export function guessTeacherLanguage(): LanguageCode {
  const nav = typeof navigator === 'undefined' ? 'en' : navigator.language;
  const base = nav.split('-')[0].toLowerCase();
  return byCode.has(nav.toLowerCase()) ? nav : byCode.has(base) ? base : 'en';
}

/** A plausible code typed by hand: "fr", "pt-BR", "zh-Hant". */
export function isLanguageCode(text: string): boolean {
  return /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(text);
}
