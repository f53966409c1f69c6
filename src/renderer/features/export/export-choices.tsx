import type { ReactNode } from 'react';
import Box from '@mui/material/Box';
import Checkbox from '@mui/material/Checkbox';
import FormControlLabel from '@mui/material/FormControlLabel';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import type { ExportFormat } from '../../../shared/api/export';
import type { LanguageCode } from '../../../shared/domain';
import { languageName } from '../projects/languages';
import type { DeckModelChoice } from './use-export-data';

export interface Choices {
  deckIds: number[];
  formats: ExportFormat[];
  languages: LanguageCode[];
  /** Also the full-integer TensorFlow Lite file (quantize 'full-int8'). */
  smaller: boolean;
}

interface Props {
  /** The deck whose tab this is: always exported. */
  deckId: number;
  decks: DeckModelChoice[];
  /** Every language of the project, the teacher's first. */
  languages: LanguageCode[];
  choices: Choices;
  onChange(next: Choices): void;
  disabled: boolean;
}

const FORMATS: { id: ExportFormat; name: string; use: string }[] = [
  { id: 'tfjs', name: 'TF.js', use: 'for web apps' },
  { id: 'tflite', name: 'TensorFlow Lite', use: 'for Android and iOS apps; runs on every phone' },
];

function toggled<T>(list: T[], item: T, on: boolean, order: T[]): T[] {
  const set = new Set(list);
  if (on) set.add(item);
  else set.delete(item);
  return order.filter((x) => set.has(x));
}

function Group({ title, hint, children }: { title: string; hint?: ReactNode; children: ReactNode }) {
  return (
    <Box component="fieldset" sx={{ border: 0, p: 0, m: 0, minWidth: 0 }}>
      <Typography component="legend" variant="subtitle1" sx={{ fontWeight: 600, p: 0 }}>
        {title}
      </Typography>
      {hint ? (
        <Typography variant="body2" color="text.secondary" sx={{ mb: 0.5 }}>
          {hint}
        </Typography>
      ) : null}
      {children}
    </Box>
  );
}

function versionText(c: DeckModelChoice): string {
  return c.version ? `model version ${c.version.number}` : 'not trained yet';
}

/**
 * What goes into the export: decks (stacked into one model), kinds of file, languages, and the
 * smaller full-integer file. The int8-weights-only file (`--quantize int8`) is left to the command
 * line: as small, no more exact, and it runs on fewer phone chips; its one use is apps written for
 * the full-size file's float input.
 */
export function ExportChoices({ deckId, decks, languages, choices, onChange, disabled }: Props) {
  const own = decks.find((d) => d.deck.id === deckId);
  const others = decks.filter((d) => d.deck.id !== deckId);
  const base = own?.version?.baseModelId ?? null;
  const deckOrder = decks.map((d) => d.deck.id);
  const set = (patch: Partial<Choices>) => onChange({ ...choices, ...patch });

  return (
    <Stack spacing={2.5}>
      <Group
        title="Decks"
        hint={others.length > 0 ? 'Add another trained deck to stack it with this one: one model file that recognises both decks.' : undefined}
      >
        <Stack>
          {own ? (
            <FormControlLabel
              // Always part of the export: shown ticked and fixed, but not greyed out as if left out.
              sx={{ '& .MuiFormControlLabel-label.Mui-disabled': { color: 'text.primary' } }}
              control={<Checkbox checked disabled />}
              label={
                <span>
                  {own.deck.name}{' '}
                  <Typography component="span" color="text.secondary">
                    · this deck, {versionText(own)}
                  </Typography>
                </span>
              }
            />
          ) : null}
          {others.map((c) => {
            const stackable = c.version !== null && (base === null || c.version.baseModelId === base);
            const why =
              c.version === null
                ? 'not trained yet'
                : stackable
                  ? versionText(c)
                  : `trained on another base network (${c.version.baseModelId}), so it cannot share one model`;
            return (
              <FormControlLabel
                key={c.deck.id}
                data-testid="stack-deck"
                control={
                  <Checkbox
                    checked={choices.deckIds.includes(c.deck.id)}
                    disabled={disabled || !stackable}
                    onChange={(e) => set({ deckIds: toggled(choices.deckIds, c.deck.id, e.target.checked, deckOrder) })}
                  />
                }
                label={
                  <span>
                    {c.deck.name}{' '}
                    <Typography component="span" color="text.secondary">
                      · {why}
                    </Typography>
                  </span>
                }
              />
            );
          })}
        </Stack>
      </Group>

      <Group title="Files">
        <Stack>
          {FORMATS.map((f) => (
            <FormControlLabel
              key={f.id}
              control={
                <Checkbox
                  checked={choices.formats.includes(f.id)}
                  disabled={disabled}
                  onChange={(e) => {
                    const formats = toggled(
                      choices.formats,
                      f.id,
                      e.target.checked,
                      FORMATS.map((x) => x.id),
                    );
                    set({ formats, smaller: choices.smaller && formats.includes('tflite') });
                  }}
                />
              }
              label={
                <span>
                  {f.name}{' '}
                  <Typography component="span" color="text.secondary">
                    · {f.use}
                  </Typography>
                </span>
              }
            />
          ))}
          <FormControlLabel
            sx={{ alignItems: 'flex-start', mt: 0.5 }}
            control={
              <Checkbox
                checked={choices.smaller}
                disabled={disabled || !choices.formats.includes('tflite')}
                onChange={(e) => set({ smaller: e.target.checked })}
                sx={{ mt: -0.75 }}
              />
            }
            label={
              <span>
                Also a smaller TensorFlow Lite file: smaller and faster on phones, very slightly less exact
                <Typography variant="body2" color="text.secondary">
                  About a third of the size. Runs on the phone’s processor and on its AI chip, where it has one. Tuned on this deck’s own photos, then
                  checked against the full model: it is only written if it nearly always gives the same words.
                </Typography>
              </span>
            }
          />
        </Stack>
      </Group>

      <Group title="Languages" hint="The words in these languages go inside the model files.">
        <Stack direction="row" sx={{ flexWrap: 'wrap' }}>
          {languages.map((lang) => (
            <FormControlLabel
              key={lang}
              control={
                <Checkbox
                  checked={choices.languages.includes(lang)}
                  disabled={disabled}
                  onChange={(e) => set({ languages: toggled(choices.languages, lang, e.target.checked, languages) })}
                />
              }
              label={languageName(lang)}
            />
          ))}
        </Stack>
      </Group>
    </Stack>
  );
}
