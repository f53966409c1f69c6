import { useCallback } from 'react';
import type { DeckClass, Photo } from '../../../shared/domain';
import { useStudio } from '../../api/hooks';
import { useNotices } from '../../components/notices';

const plural = (n: number) => `${n} ${n === 1 ? 'photo' : 'photos'}`;

/** Move and delete, each with Undo in the snackbar. */
export function usePhotoActions(reload: () => Promise<void>) {
  const { client } = useStudio();
  const notices = useNotices();

  const move = useCallback(
    async (photos: Photo[], target: DeckClass) => {
      const moving = photos.filter((p) => p.classId !== target.id);
      if (moving.length === 0) return;
      try {
        await client.movePhotos({ photoIds: moving.map((p) => p.id), classId: target.id });
        await reload();
        // Undo puts each photo back where it was, class by class.
        const byClass = new Map<number, number[]>();
        for (const p of moving) byClass.set(p.classId, [...(byClass.get(p.classId) ?? []), p.id]);
        notices.showInfo(`Moved ${plural(moving.length)} to ${target.key}.`, {
          label: 'Undo',
          run: () =>
            void (async () => {
              for (const [classId, photoIds] of byClass) await client.movePhotos({ photoIds, classId });
              await reload();
            })().catch(notices.showError),
        });
      } catch (e) {
        notices.showError(e);
      }
    },
    [client, notices, reload],
  );

  const remove = useCallback(
    async (photoIds: number[]) => {
      if (photoIds.length === 0) return;
      try {
        const { undoToken, count } = await client.deletePhotos({ photoIds });
        await reload();
        notices.showInfo(`Deleted ${plural(count)}.`, {
          label: 'Undo',
          run: () => void client.undoDelete({ undoToken }).then(() => reload()).catch(notices.showError),
        });
      } catch (e) {
        notices.showError(e);
      }
    },
    [client, notices, reload],
  );

  return { move, remove };
}
