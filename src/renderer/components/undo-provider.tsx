import { createContext, useContext, useEffect, useMemo, type ReactNode } from 'react';
import { useNotices } from './notices';
import { UndoHistory, type UndoEntry } from './undo-history';

interface Undo {
  /** Records an action just done, and says so with an Undo button. */
  record(entry: UndoEntry): void;
  undo(): void;
  redo(): void;
}

const UndoContext = createContext<Undo | null>(null);

const IS_MAC = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);
export const UNDO_KEYS = IS_MAC ? '⌘Z' : 'Ctrl+Z';

/** Typing fields keep their own undo: the studio's shortcut leaves them alone. */
function inTextField(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  if (!el || typeof el.closest !== 'function') return false;
  return el.isContentEditable || el.closest('input, textarea, select, [contenteditable="true"]') !== null;
}

/**
 * The undo history of one open project: curation actions (move, delete, rename, words) recorded
 * here are taken back with Ctrl+Z (⌘Z on a Mac) or the Undo button, and done again with
 * Ctrl+Shift+Z or Ctrl+Y. Mount it once per project (keyed by its folder), so closing the project
 * forgets its history.
 */
export function UndoProvider({ children }: { children: ReactNode }) {
  const notices = useNotices();
  const history = useMemo(() => new UndoHistory(), []);

  const api = useMemo<Undo>(() => {
    const undo = () =>
      void history
        .undo()
        .then((e) => e && notices.showInfo(`Undone: ${e.label}.`, { label: 'Redo', run: redo }, 'info'))
        .catch(notices.showError);
    const redo = () =>
      void history
        .redo()
        .then((e) => e && notices.showInfo(`${e.label}.`, { label: 'Undo', run: undo }))
        .catch(notices.showError);
    return {
      record: (entry) => {
        history.push(entry);
        notices.showInfo(`${entry.label}. ${UNDO_KEYS} undoes it.`, { label: 'Undo', run: undo });
      },
      undo,
      redo,
    };
  }, [history, notices]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || inTextField(e.target) || !(e.ctrlKey || e.metaKey) || e.altKey) return;
      const key = e.key.toLowerCase();
      const { undo, redo } = api;
      if (key === 'z' && !e.shiftKey) {
        e.preventDefault();
        undo();
      } else if ((key === 'z' && e.shiftKey) || key === 'y') {
        e.preventDefault();
        redo();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [api]);

  return <UndoContext.Provider value={api}>{children}</UndoContext.Provider>;
}

export function useUndo(): Undo {
  const ctx = useContext(UndoContext);
  if (!ctx) throw new Error('useUndo outside <UndoProvider>');
  return ctx;
}
