import { useEffect, useRef } from 'react';

function isTyping(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  if (!el || !el.tagName) return false;
  return el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName) || el.getAttribute('role') === 'combobox';
}

/**
 * Calls `onDown` when the Space bar goes down and `onUp` when it comes up, anywhere in the window
 * except while typing in a field. Key repeat is ignored: holding the key is one long press.
 */
export function useHoldSpace(enabled: boolean, onDown: () => void, onUp: () => void): void {
  const handlers = useRef({ onDown, onUp });
  handlers.current = { onDown, onUp };
  useEffect(() => {
    if (!enabled) return;
    let held = false;
    const down = (e: KeyboardEvent) => {
      if (e.code !== 'Space' || isTyping(e.target)) return;
      // No page scroll, and no "click" of whatever button has the focus.
      e.preventDefault();
      if (e.repeat || held) return;
      held = true;
      handlers.current.onDown();
    };
    const up = (e: KeyboardEvent) => {
      if (e.code !== 'Space' || !held) return;
      e.preventDefault();
      held = false;
      handlers.current.onUp();
    };
    const blur = () => {
      if (held) {
        held = false;
        handlers.current.onUp();
      }
    };
    window.addEventListener('keydown', down);
    window.addEventListener('keyup', up);
    window.addEventListener('blur', blur);
    return () => {
      window.removeEventListener('keydown', down);
      window.removeEventListener('keyup', up);
      window.removeEventListener('blur', blur);
      blur();
    };
  }, [enabled]);
}
