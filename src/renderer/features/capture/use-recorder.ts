import { useCallback, useEffect, useRef, useState } from 'react';
import { useStudio } from '../../api/hooks';
import { useNotices } from '../../components/notices';
import { CaptureSender, type CaptureTotals } from './capture-sender';
import { grabFrame } from './grab-frame';

export interface Recorder {
  recording: boolean;
  /** Seconds left before a single shot, or null. */
  countdown: number | null;
  totals: CaptureTotals;
  start(): void;
  stop(): void;
  /** One photo, after a 3-second countdown when `withCountdown`. */
  shoot(withCountdown: boolean): void;
}

const EMPTY: CaptureTotals = { taken: 0, added: 0, duplicates: 0, pending: 0 };

/** Bursts and single shots from a playing <video> into a class, `rate` photos per second. */
export function useRecorder(video: HTMLVideoElement | null, ready: boolean, deckId: number, classId: number, rate: number): Recorder {
  const studio = useStudio();
  const notices = useNotices();
  const [recording, setRecording] = useState(false);
  const [countdown, setCountdown] = useState<number | null>(null);
  const [totals, setTotals] = useState<CaptureTotals>(EMPTY);
  const sender = useRef<CaptureSender | null>(null);
  const burst = useRef<ReturnType<typeof setInterval> | null>(null);
  const tick = useRef<ReturnType<typeof setInterval> | null>(null);

  // The sender starts with the word chosen at that moment; a new word keeps the same sender (and
  // its counter): see the effect below.
  const startClass = useRef(classId);
  startClass.current = classId;
  useEffect(() => {
    const s = new CaptureSender(studio, deckId, startClass.current, setTotals, (e) => notices.showError(e));
    sender.current = s;
    setTotals(EMPTY);
    return () => {
      sender.current = null;
      void s.close();
    };
  }, [studio, deckId, notices]);
  useEffect(() => {
    void sender.current?.setClass(classId);
  }, [classId]);

  const take = useCallback(() => {
    if (!video || !ready) return;
    grabFrame(video).then(
      (blob) => sender.current?.add(blob),
      (e: unknown) => notices.showError(e),
    );
  }, [video, ready, notices]);

  const stop = useCallback(() => {
    if (burst.current) clearInterval(burst.current);
    burst.current = null;
    setRecording(false);
  }, []);

  const start = useCallback(() => {
    if (!video || !ready || burst.current) return;
    setRecording(true);
    take();
    burst.current = setInterval(take, 1000 / rate);
  }, [video, ready, rate, take]);

  const shoot = useCallback(
    (withCountdown: boolean) => {
      if (!withCountdown) return take();
      if (tick.current) return;
      let left = 3;
      setCountdown(left);
      tick.current = setInterval(() => {
        left -= 1;
        if (left > 0) return setCountdown(left);
        if (tick.current) clearInterval(tick.current);
        tick.current = null;
        setCountdown(null);
        take();
      }, 1000);
    },
    [take],
  );

  // The camera went away mid-burst: stop shooting.
  useEffect(() => {
    if (!ready) stop();
  }, [ready, stop]);
  useEffect(
    () => () => {
      if (burst.current) clearInterval(burst.current);
      if (tick.current) clearInterval(tick.current);
    },
    [],
  );

  return { recording, countdown, totals, start, stop, shoot };
}
