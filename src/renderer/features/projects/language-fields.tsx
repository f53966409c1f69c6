import type { KeyboardEvent } from 'react';
import Autocomplete from '@mui/material/Autocomplete';
import Chip from '@mui/material/Chip';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import type { LanguageCode } from '../../../shared/domain';
import { COMMON_LANGUAGES, isLanguageCode, languageName } from './languages';

const CODES = COMMON_LANGUAGES.map((l) => l.code);

interface Props {
  teacher: LanguageCode;
  pupils: LanguageCode[];
  onTeacher(code: LanguageCode): void;
  onPupils(codes: LanguageCode[]): void;
}

/**
 * Escape in a language field belongs to the field: its list closes (MUI does that) or, with the list
 * already closed, the field lets go of the keyboard; the dialog around it stays open either way (a
 * second Escape, from the dialog, closes it).
 */
function keepEscape(e: KeyboardEvent<HTMLDivElement>): void {
  if (e.key !== 'Escape') return;
  e.stopPropagation();
  const input = e.target as HTMLElement;
  if (input.getAttribute('aria-expanded') !== 'true') input.blur();
}

/** The teacher's working language and the languages pupils learn, chosen by name, stored as codes. */
export function LanguageFields({ teacher, pupils, onTeacher, onPupils }: Props) {
  return (
    <Stack spacing={2.5}>
      <Autocomplete
        options={CODES}
        value={teacher}
        disableClearable
        getOptionLabel={(code) => languageName(code)}
        onChange={(_e, code) => code && onTeacher(code)}
        onKeyDown={keepEscape}
        renderInput={(params) => (
          <TextField
            {...params}
            label="You work in"
            helperText="The language you use for class names, e.g. English."
            slotProps={{ ...params.slotProps, htmlInput: { ...params.slotProps.htmlInput, 'data-testid': 'teacher-language' } }}
          />
        )}
      />
      <Autocomplete
        multiple
        freeSolo
        options={CODES.filter((c) => c !== teacher)}
        value={pupils}
        getOptionLabel={(code) => languageName(code)}
        onChange={(_e, values) => onPupils(values.map((v) => v.trim()).filter((v) => isLanguageCode(v) && v !== teacher))}
        onKeyDown={keepEscape}
        renderValue={(values, getItemProps) =>
          values.map((code, index) => {
            const { key, ...itemProps } = getItemProps({ index });
            return <Chip key={key} label={languageName(code)} color="primary" variant="outlined" {...itemProps} />;
          })
        }
        renderInput={(params) => (
          <TextField
            {...params}
            label="Your pupils learn"
            placeholder={pupils.length === 0 ? 'Pick one or more languages' : ''}
            helperText="Each picture gets a word in every one of these languages."
            slotProps={{ ...params.slotProps, htmlInput: { ...params.slotProps.htmlInput, 'data-testid': 'pupil-languages' } }}
          />
        )}
      />
    </Stack>
  );
}
