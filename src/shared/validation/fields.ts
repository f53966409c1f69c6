/**
 * Building blocks of the request validators (one per contract method, beside its type in
 * ../api/<domain>.ts). They check shape and size only: a request that passes is well formed, and
 * the core still judges what it means (does the deck exist, is "fr" a language of the project).
 * The caps sit well above what the studio itself accepts, so a teacher who types too much gets the
 * core's plain-language message, while junk from elsewhere is refused before any handler runs.
 */
import { z } from 'zod';

/** Caps on sizes; each is far above real use and far below what could hurt. */
export const LIMITS = {
  /** Deck, project and class names, words, feature layers, ids of base models and phones. */
  shortText: 200,
  /** A licence or description typed by an expert. */
  longText: 2_000,
  /** A file or folder path (Linux PATH_MAX). */
  path: 4_096,
  /** A BCP 47 tag ("pt-BR"); the longest real ones are about 35 characters. */
  languageCode: 35,
  /** Languages of a project or of one class's words. */
  languages: 50,
  /** A word list read from a CSV file (thousands of words take well under 1 MB). */
  csv: 2 * 1024 * 1024,
  /** Photos selected at once, files or folders dropped at once. */
  items: 100_000,
  /** Decks stacked into one export, phones chosen for one push. */
  fewItems: 100,
} as const;

/** Keeps the message of a schema for wrong values, but says "is required" when the value is absent. */
export const says = (text: string) => (issue: { input?: unknown }) => (issue.input === undefined ? undefined : text);

/** A row id: a positive whole number. */
export const id = () => z.int({ error: says('expected a positive whole number') }).positive({ error: 'expected a positive whole number' });

/** Text up to `max` characters (empty allowed: the core says what an empty name means). */
export const text = (max: number = LIMITS.shortText) => z.string().max(max);

/** Text of at least one character, e.g. an id or a token. */
export const token = (max: number = LIMITS.shortText) => z.string().min(1).max(max);

/** A path on the machine running the core; the path-safety module judges it where it is used. */
export const path = () => z.string().min(1).max(LIMITS.path);

export const languageCode = () => z.string().min(1).max(LIMITS.languageCode);

export const languages = () => z.array(languageCode()).max(LIMITS.languages);

const FORBIDDEN_KEYS = ['__proto__', 'constructor', 'prototype'];

/**
 * Words per language code. zod drops a "__proto__" key of a record without a word, so such keys
 * are refused here first: a request carrying them was not made by the studio.
 */
export const words = () =>
  z
    .custom<unknown>(
      (value) => typeof value !== 'object' || value === null || !FORBIDDEN_KEYS.some((k) => Object.prototype.hasOwnProperty.call(value, k)),
      { error: 'has a key that is not a language code' },
    )
    .pipe(
      z
        .record(languageCode(), text())
        .refine((r) => Object.keys(r).length <= LIMITS.languages, { error: `expected at most ${LIMITS.languages} languages` }),
    );

/** An object with exactly these keys: anything else is refused. */
export const request = <Shape extends z.ZodRawShape>(shape: Shape) => z.strictObject(shape);

/** A method that takes no data: only undefined or null, handed to the handler as undefined. */
export const noRequest = () =>
  z
    .null({ error: says('expected nothing: this request takes no data') })
    .optional()
    .transform(() => undefined);

/** One file or folder handed to an import or a classification. */
export const importSource = () => request({ path: path(), relativePath: z.string().max(LIMITS.path).optional() });

/** An empty list is well formed: the core answers it in plain words ("Nothing was given to import"). */
export const importSources = () => z.array(importSource()).max(LIMITS.items);
