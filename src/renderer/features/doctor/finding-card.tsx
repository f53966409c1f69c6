import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import type { Finding, FindingPhoto } from '../../../shared/api/doctor';
import { findingTitle } from '../../../shared/doctor-wording';
import { wordFocusHash } from '../../app/route';
import { useStudio } from '../../api/hooks';

const THUMB = 148;
/** Photos shown per finding; a big group of copies shows the first ones and says how many more. */
const SHOWN = 6;

export interface FindingActions {
  move(f: Finding, classId: number, word: string): void;
  remove(photoIds: number[]): void;
  keep(f: Finding): void;
}

function Thumb({ photo, action }: { photo: FindingPhoto; action?: { label: string; run(): void } }) {
  const { transport } = useStudio();
  return (
    <Box sx={{ width: THUMB }} data-testid="finding-photo" data-photo-id={photo.id}>
      <Box
        component="img"
        src={transport.mediaUrl('thumb', photo.sha256)}
        alt={`${photo.file} (${photo.classKey})`}
        loading="lazy"
        sx={{ width: THUMB, height: THUMB, objectFit: 'cover', display: 'block', borderRadius: 1.5, bgcolor: 'grey.200' }}
      />
      <Typography variant="body2" sx={{ mt: 0.5, fontWeight: 600 }} noWrap>
        {photo.classKey}
      </Typography>
      <Typography variant="caption" color="text.secondary" noWrap component="p" title={photo.file}>
        {photo.file}
      </Typography>
      {action ? (
        <Button size="small" color="error" onClick={action.run} sx={{ mt: 0.25, ml: -0.75 }}>
          {action.label}
        </Button>
      ) : null}
    </Box>
  );
}

/** One finding: what it is, the photos side by side, and the one-click fixes that fit it. */
export function FindingCard({ finding: f, deckId, actions }: { finding: Finding; deckId: number; actions: FindingActions }) {
  const copies = f.kind === 'duplicate' || f.kind === 'near-duplicate';
  const shown = f.photos.slice(0, SHOWN);
  const single = f.photos.length === 1 ? f.photos[0] : null;
  return (
    <Paper variant="outlined" sx={{ p: 2, borderRadius: 2 }} data-testid="finding" data-kind={f.kind} data-key={f.key}>
      <Typography variant="body1" sx={{ fontWeight: 600, mb: 1.5 }} data-testid="finding-title">
        {findingTitle(f)}
      </Typography>
      {f.kind === 'imbalance' ? null : (
        <Stack direction="row" spacing={1.5} sx={{ flexWrap: 'wrap', rowGap: 1.5 }}>
          {shown.map((p) => (
            <Thumb key={p.id} photo={p} action={copies ? { label: 'Delete this one', run: () => actions.remove([p.id]) } : undefined} />
          ))}
          {f.photos.length > SHOWN ? (
            <Typography color="text.secondary" sx={{ alignSelf: 'center' }}>
              and {f.photos.length - SHOWN} more
            </Typography>
          ) : null}
        </Stack>
      )}
      <Stack direction="row" spacing={1} sx={{ mt: 1.5, flexWrap: 'wrap', rowGap: 1 }}>
        {f.kind === 'mislabel' && f.suggestedClassId !== undefined ? (
          <Button variant="contained" onClick={() => actions.move(f, f.suggestedClassId!, f.suggestedClassKey ?? '')}>
            Move to “{f.suggestedClassKey}”
          </Button>
        ) : null}
        {copies && f.photos.length > 1 ? (
          <Button variant="contained" onClick={() => actions.remove(f.photos.slice(1).map((p) => p.id))}>
            Keep the one in “{f.photos[0].classKey}”, delete {f.photos.length === 2 ? 'the other' : `the other ${f.photos.length - 1}`}
          </Button>
        ) : null}
        {single && !copies && f.kind !== 'imbalance' ? (
          <Button variant={f.kind === 'mislabel' ? 'outlined' : 'contained'} color="error" onClick={() => actions.remove([single.id])}>
            Delete photo
          </Button>
        ) : null}
        {f.kind === 'imbalance' && f.classId !== undefined ? (
          <Button variant="contained" href={wordFocusHash(deckId, { classId: f.classId, language: null })}>
            Add photos to “{f.classKey}”
          </Button>
        ) : null}
        <Button onClick={() => actions.keep(f)}>{f.kind === 'mislabel' ? 'It is right: stop flagging' : 'Keep as it is: stop flagging'}</Button>
      </Stack>
    </Paper>
  );
}
