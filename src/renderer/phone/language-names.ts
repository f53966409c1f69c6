import type { LanguageCode } from '../../shared/domain';
import { COMMON_LANGUAGES, languageName } from '../features/projects/languages';

/** A language's name in that language ("français", "español"), so pupils recognise their own. */
export function nativeName(code: LanguageCode): string {
  try {
    const name = new Intl.DisplayNames([code], { type: 'language' }).of(code);
    if (name && name.toLowerCase() !== code.toLowerCase()) return name.charAt(0).toLocaleUpperCase(code) + name.slice(1);
  } catch {
    // Unknown to this browser: fall back to the English name.
  }
  return COMMON_LANGUAGES.find((l) => l.code === code)?.name ?? code;
}

/** The language to start with: the one chosen last time on this phone, else the first one pupils learn. */
export function initialLanguage(languages: LanguageCode[], saved: string | null): LanguageCode {
  if (saved && languages.includes(saved)) return saved;
  return languages[1] ?? languages[0] ?? 'en';
}

/** Said beside a class's key shown in place of a word nobody has written in `code` yet. */
export function missingWordNote(code: LanguageCode): string {
  return `No ${languageName(code)} word yet`;
}
