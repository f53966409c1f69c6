import Chip from '@mui/material/Chip';
import TranslateIcon from '@mui/icons-material/Translate';
import type { LanguageCode } from '../../../shared/domain';
import { missingWordNote } from '../../phone/language-names';

/**
 * Marks a class's key shown where its word in `language` should be: no one has written it yet,
 * so the screen must not pass the key (often English) off as the translation.
 */
export function MissingMark({ language, size = 'medium' }: { language: LanguageCode; size?: 'small' | 'medium' }) {
  return (
    <Chip
      icon={<TranslateIcon />}
      label={missingWordNote(language)}
      color="warning"
      variant="outlined"
      size={size}
      data-testid="missing-word"
      sx={{ fontWeight: 600, verticalAlign: 'middle', bgcolor: 'background.paper' }}
    />
  );
}
