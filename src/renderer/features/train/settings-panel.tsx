import { useEffect, useState } from 'react';
import Accordion from '@mui/material/Accordion';
import AccordionDetails from '@mui/material/AccordionDetails';
import AccordionSummary from '@mui/material/AccordionSummary';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormHelperText from '@mui/material/FormHelperText';
import Switch from '@mui/material/Switch';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import ExpandMoreIcon from '@mui/icons-material/ExpandMore';
import type { TrainingConfig, TrainingSettings } from '../../../shared/api/training';
import { formatSetting, NUMBER_FIELDS, parseSetting, SWITCH_FIELDS, type NumberField } from './settings-fields';

interface Props {
  config: TrainingConfig;
  disabled: boolean;
  expanded: boolean;
  onExpanded(open: boolean): void;
  onChange(patch: Partial<TrainingSettings>): void;
  onReset(): void;
}

function NumberSettingField({
  field,
  value,
  defaultValue,
  disabled,
  onChange,
}: {
  field: NumberField;
  value: number;
  defaultValue: number;
  disabled: boolean;
  onChange(v: number): void;
}) {
  const [text, setText] = useState(formatSetting(field, value));
  const [error, setError] = useState<string | null>(null);
  // A reset (or a reload) replaces what is typed, but what the teacher typed stays as typed ("1e-4").
  useEffect(() => {
    setText((t) => {
      const typed = parseSetting(field, t);
      return 'value' in typed && typed.value === value ? t : formatSetting(field, value);
    });
    setError(null);
  }, [field, value]);
  const changed = value !== defaultValue;
  return (
    <TextField
      label={field.label}
      value={text}
      size="small"
      disabled={disabled}
      error={error !== null}
      slotProps={{ htmlInput: { inputMode: 'decimal', 'data-setting': field.name } }}
      helperText={error ?? `${field.help}${changed ? ` Default: ${formatSetting(field, defaultValue)}.` : ''}`}
      onChange={(e) => {
        setText(e.target.value);
        const parsed = parseSetting(field, e.target.value);
        if ('error' in parsed) setError(parsed.error);
        else {
          setError(null);
          if (parsed.value !== value) onChange(parsed.value);
        }
      }}
      sx={changed ? { '& .MuiOutlinedInput-notchedOutline': { borderColor: 'primary.main' } } : undefined}
    />
  );
}

/** Settings a teacher can leave alone, for the expert who wants to open them. Saved per deck. */
export function SettingsPanel({ config, disabled, expanded, onExpanded, onChange, onReset }: Props) {
  const { settings, defaults } = config;
  const changed = (Object.keys(defaults) as (keyof TrainingSettings)[]).filter((k) => settings[k] !== defaults[k]).length;
  return (
    <Accordion
      expanded={expanded}
      onChange={(_e, open) => onExpanded(open)}
      disableGutters
      variant="outlined"
      sx={{ '&::before': { display: 'none' } }}
      data-testid="advanced-settings"
    >
      <AccordionSummary expandIcon={<ExpandMoreIcon />}>
        <Typography sx={{ fontWeight: 600 }}>Advanced settings</Typography>
        <Typography color="text.secondary" sx={{ ml: 1.5 }} data-testid="settings-changed">
          {changed === 0 ? 'the defaults work well for most decks' : `${changed} changed from the defaults`}
        </Typography>
      </AccordionSummary>
      <AccordionDetails>
        <Box sx={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(250px, 1fr))', gap: 2.5, alignItems: 'start' }}>
          {NUMBER_FIELDS.map((f) => (
            <NumberSettingField
              key={f.name}
              field={f}
              value={settings[f.name]}
              defaultValue={defaults[f.name]}
              disabled={disabled}
              onChange={(v) => onChange({ [f.name]: v })}
            />
          ))}
          {SWITCH_FIELDS.map((f) => (
            <Box key={f.name}>
              <FormControlLabel
                control={<Switch checked={settings[f.name]} disabled={disabled} onChange={(e) => onChange({ [f.name]: e.target.checked })} />}
                label={f.label}
              />
              <FormHelperText sx={{ mt: -0.5, ml: 0 }}>{f.help}</FormHelperText>
            </Box>
          ))}
        </Box>
        <Box sx={{ display: 'flex', justifyContent: 'flex-end', mt: 2 }}>
          <Button onClick={onReset} disabled={disabled || changed === 0}>
            Reset to defaults
          </Button>
        </Box>
      </AccordionDetails>
    </Accordion>
  );
}
