import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import Chip from '@mui/material/Chip';
import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import ListItemButton from '@mui/material/ListItemButton';
import ListItemText from '@mui/material/ListItemText';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import type { ModelVersionSummary } from '../../../shared/api/training';
import { percent, versionLabel } from './wording';
import { formatWhen } from '../../../shared/format';

interface Props {
  versions: ModelVersionSummary[];
  selectedId: number | null;
  /** Versions ticked for comparison (at most two). */
  compare: number[];
  comparing: boolean;
  onSelect(id: number): void;
  onToggleCompare(id: number): void;
  onCompare(): void;
}

/** Every model the deck has had, newest first: pick one to see its results, tick two to compare. */
export function VersionsList({ versions, selectedId, compare, comparing, onSelect, onToggleCompare, onCompare }: Props) {
  return (
    <Box sx={{ display: 'flex', flexDirection: 'column', height: '100%' }}>
      <Box sx={{ px: 2, pt: 2, pb: 1 }}>
        <Typography variant="h3" component="h2">
          Versions
        </Typography>
        <Typography variant="body2" color="text.secondary">
          {versions.length === 0 ? 'Each training run is kept here.' : 'Tick two to compare them.'}
        </Typography>
      </Box>
      <List dense sx={{ flex: 1, overflowY: 'auto', px: 1 }} aria-label="Model versions" data-testid="versions">
        {versions.map((v) => {
          const ticked = compare.includes(v.id);
          return (
            <ListItem
              key={v.id}
              disablePadding
              data-testid="version-item"
              data-current={v.current ? 'true' : 'false'}
              data-number={v.number}
              secondaryAction={
                <Tooltip title={ticked ? 'Leave out of the comparison' : 'Compare this version'}>
                  <Checkbox
                    edge="end"
                    size="small"
                    checked={ticked}
                    disabled={!ticked && compare.length >= 2}
                    onChange={() => onToggleCompare(v.id)}
                    slotProps={{ input: { 'aria-label': `Compare version ${v.number}` } }}
                  />
                </Tooltip>
              }
            >
              <ListItemButton
                selected={!comparing && v.id === selectedId}
                onClick={() => onSelect(v.id)}
                aria-label={`${versionLabel(v)}${v.current ? ' · in use' : ''}`}
                sx={{ borderRadius: 2, pr: 6 }}
              >
                <ListItemText
                  primary={
                    <Box component="span" sx={{ display: 'flex', alignItems: 'center', gap: 1 }}>
                      <span>Version {v.number}</span>
                      <Box component="span" sx={{ fontWeight: 700 }}>
                        {v.accuracy === null ? '–' : percent(v.accuracy)}
                      </Box>
                      {v.current ? <Chip size="small" color="primary" label="In use" sx={{ height: 20 }} /> : null}
                    </Box>
                  }
                  secondary={`${formatWhen(v.createdAt)}${v.stopped === 'diverged' ? ' · stopped early' : ''}`}
                  slotProps={{ primary: { component: 'span' } }}
                />
              </ListItemButton>
            </ListItem>
          );
        })}
      </List>
      {versions.length >= 2 ? (
        <Box sx={{ p: 2, borderTop: 1, borderColor: 'divider' }}>
          <Button fullWidth variant={compare.length === 2 ? 'contained' : 'outlined'} disabled={compare.length !== 2} onClick={onCompare}>
            {compare.length === 2 ? 'Compare the two ticked' : `Tick ${2 - compare.length} more to compare`}
          </Button>
        </Box>
      ) : null}
    </Box>
  );
}
