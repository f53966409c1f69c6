import { useCallback } from 'react';
import { classTitle } from '../../../shared/background';
import type { DeckClass, Photo } from '../../../shared/domain';
import { useStudio } from '../../api/hooks';
import { useNotices } from '../../components/notices';
import { useUndo } from '../../components/undo-provider';

const plural = (n: number) => `${n} ${n === 1 ? 'photo' : 'photos'}`;

/** Move and delete, each recorded in the session's undo history (Ctrl+Z, or Undo in the snackbar). */
export function usePhotoActions(reload: () => Promise<void>) {
  const { client } = useStudio();
  const notices = useNotices();
  const history = useUndo();

  const move = useCallback(
    // Only ids and words are needed, so other screens (the doctor) can pass what they hold.
    async (photos: readonly Pick<Photo, 'id' | 'classId'>[], target: Pick<DeckClass, 'id' | 'key'>) => {
      const moving = photos.filter((p) => p.classId !== target.id);
      if (moving.length === 0) return;
      const ids = moving.map((p) => p.id);
      try {
        await client.movePhotos({ photoIds: ids, classId: target.id });
        await reload();
        // Undo puts each photo back where it was, class by class.
        const byClass = new Map<number, number[]>();
        for (const p of moving) byClass.set(p.classId, [...(byClass.get(p.classId) ?? []), p.id]);
        history.record({
          label: `Moved ${plural(moving.length)} to ${classTitle(target)}`,
          undo: async () => {
            for (const [classId, photoIds] of byClass) await client.movePhotos({ photoIds, classId });
          },
          redo: () => client.movePhotos({ photoIds: ids, classId: target.id }),
        });
      } catch (e) {
        notices.showError(e);
      }
    },
    [client, notices, reload, history],
  );

  const remove = useCallback(
    async (photoIds: number[]) => {
      if (photoIds.length === 0) return;
      try {
        let { undoToken, count } = await client.deletePhotos({ photoIds });
        await reload();
        history.record({
          label: `Deleted ${plural(count)}`,
          undo: async () => {
            await client.undoDelete({ undoToken });
          },
          // Deleted again: the core gives a new token for the next undo.
          redo: async () => {
            ({ undoToken, count } = await client.deletePhotos({ photoIds }));
          },
        });
      } catch (e) {
        notices.showError(e);
      }
    },
    [client, notices, reload, history],
  );

  return { move, remove };
}
