import { useCallback } from 'react';
import type { DoctorReport, Finding } from '../../../shared/api/doctor';
import { useStudio } from '../../api/hooks';
import { useNotices } from '../../components/notices';
import { useUndo } from '../../components/undo-provider';
import { usePhotoActions } from '../dataset/use-photo-actions';

/** Moves and deletes change the deck, which is checked again by itself: nothing to reload here. */
const noReload = async () => undefined;

/**
 * The doctor's one-click fixes, each recorded in the project's undo history (Ctrl+Z or Undo in the
 * message): moving and deleting are curation's own actions; keeping a finding answers with the new
 * report at once.
 */
export function useDoctorFixes(deckId: number, show: (r: DoctorReport | null) => void) {
  const { client } = useStudio();
  const notices = useNotices();
  const history = useUndo();
  const photos = usePhotoActions(noReload);

  const move = useCallback((f: Finding, classId: number, word: string) => photos.move(f.photos, { id: classId, key: word }), [photos]);

  const keep = useCallback(
    async (f: Finding) => {
      try {
        show(await client.keepFinding({ deckId, key: f.key }));
        history.record({
          label: 'Kept as it is; the doctor will not flag it again',
          undo: async () => show(await client.unkeepFinding({ deckId, key: f.key })),
          redo: async () => show(await client.keepFinding({ deckId, key: f.key })),
        });
      } catch (e) {
        notices.showError(e);
      }
    },
    [client, deckId, history, notices, show],
  );

  return { move, remove: photos.remove, keep };
}
