import { useEffect, useRef } from 'react';
import { useStudioEvent } from '../../api/hooks';
import type { DoctorState } from './use-doctor';

/** Quiet time after the last change before checking again (an import changes the deck many times). */
const SETTLE_MS = 1500;

/**
 * Runs the doctor by itself: on a deck never checked, after photos are added, moved or deleted
 * (an import, a fix), and after a training (whose features make the thorough checks cheap). These
 * checks use cached features only, so they never start the feature workers on their own.
 */
export function useDoctorAutorun(deckId: number, doctor: DoctorState): void {
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const { check, report } = doctor;
  const later = () => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => void check(false), SETTLE_MS);
  };
  useEffect(() => {
    if (report === null) void check(false);
  }, [report, check]);
  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
    },
    [],
  );
  useStudioEvent('photos.changed', (e) => {
    if (e.deckId === deckId) later();
  });
  useStudioEvent('training.finished', (e) => {
    if (e.deckId === deckId) later();
  });
}
