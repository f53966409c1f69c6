import { useRef, useState } from 'react';
import Box from '@mui/material/Box';
import Chip from '@mui/material/Chip';
import InputBase from '@mui/material/InputBase';
import Typography from '@mui/material/Typography';
import type { LanguageCode } from '../../../shared/domain';
import { languageName } from '../projects/languages';

interface Props {
  lang: LanguageCode;
  word: string | undefined;
  onSave(word: string): Promise<void>;
  /** Opens already editing (a link asked for this word), once. */
  autoEdit?: boolean;
}

/** One language's word on a class card; click it to edit in place, Enter saves, Escape cancels. */
export function WordRow({ lang, word, onSave, autoEdit = false }: Props) {
  const [editing, setEditing] = useState(autoEdit);
  const [draft, setDraft] = useState(word ?? '');
  // Enter saves and closes the field; the blur that follows must not save a second time.
  const open = useRef(autoEdit);
  const start = (e: React.SyntheticEvent) => {
    e.stopPropagation();
    setDraft(word ?? '');
    open.current = true;
    setEditing(true);
  };
  const commit = async () => {
    if (!open.current) return;
    open.current = false;
    setEditing(false);
    if (draft.trim() !== (word ?? '')) await onSave(draft.trim());
  };
  const label = languageName(lang);
  return (
    // A word whose longest part does not fit beside the language's name goes under it, whole.
    <Box sx={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', columnGap: 1, minHeight: 28 }} data-testid={`word-${lang}`}>
      <Typography variant="caption" color="text.secondary" sx={{ width: 76, flexShrink: 0 }} noWrap title={label}>
        {label}
      </Typography>
      {editing ? (
        <InputBase
          autoFocus
          value={draft}
          onChange={(e) => setDraft(e.target.value)}
          onClick={(e) => e.stopPropagation()}
          onBlur={() => void commit()}
          onKeyDown={(e) => {
            if (e.key === 'Enter') void commit();
            if (e.key === 'Escape') {
              open.current = false;
              setEditing(false);
            }
          }}
          inputProps={{ 'aria-label': `Word in ${label}` }}
          sx={{ flex: 1, fontSize: 14, px: 0.75, borderRadius: 1, border: 1, borderColor: 'primary.main', bgcolor: 'background.paper' }}
        />
      ) : word ? (
        <Typography
          component="button"
          onClick={start}
          title={`Edit the ${label} word`}
          sx={{
            flex: '1 1 min-content',
            minWidth: 0,
            overflowWrap: 'break-word',
            textAlign: 'left',
            font: 'inherit',
            fontSize: 14,
            border: 0,
            background: 'none',
            cursor: 'text',
            px: 0.75,
            py: 0.25,
            borderRadius: 1,
            color: 'text.primary',
            '&:hover': { bgcolor: 'action.hover' },
          }}
        >
          {word}
        </Typography>
      ) : (
        <Chip size="small" color="warning" variant="outlined" label="missing: click to add" onClick={start} sx={{ fontSize: 12 }} />
      )}
    </Box>
  );
}
