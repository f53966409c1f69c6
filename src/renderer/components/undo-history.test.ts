import { describe, expect, it } from 'vitest';
import { UndoHistory, type UndoEntry } from './undo-history';

/** A counter and an entry that adds `n` to it, so the order of steps shows in the value. */
function counter() {
  const state = { value: 0, log: [] as string[] };
  const add = (n: number, label = `add ${n}`): UndoEntry => ({
    label,
    undo: async () => {
      await new Promise((r) => setTimeout(r, 5));
      state.value -= n;
      state.log.push(`undo ${label}`);
    },
    redo: async () => {
      state.value += n;
      state.log.push(`redo ${label}`);
    },
  });
  return { state, add };
}

describe('UndoHistory', () => {
  it('undoes the latest first, redoes in order, and a new action drops the redo list', async () => {
    const { state, add } = counter();
    const h = new UndoHistory();
    state.value = 3;
    h.push(add(1));
    h.push(add(2));
    expect((await h.undo())?.label).toBe('add 2');
    expect((await h.undo())?.label).toBe('add 1');
    expect(state.value).toBe(0);
    expect(await h.undo()).toBeNull();
    expect((await h.redo())?.label).toBe('add 1');
    expect(state.value).toBe(1);
    h.push(add(10));
    expect(h.canRedo).toBe(false);
    expect(await h.redo()).toBeNull();
  });

  it('runs steps one at a time even when asked all at once', async () => {
    const { state, add } = counter();
    const h = new UndoHistory();
    h.push(add(1));
    h.push(add(2));
    h.push(add(4));
    await Promise.all([h.undo(), h.undo(), h.redo()]);
    expect(state.log).toEqual(['undo add 4', 'undo add 2', 'redo add 2']);
  });

  it('keeps a step that failed, so it can be tried again', async () => {
    const h = new UndoHistory();
    let fail = true;
    h.push({
      label: 'x',
      undo: async () => {
        if (fail) throw new Error('gone');
      },
      redo: async () => undefined,
    });
    await expect(h.undo()).rejects.toThrow('gone');
    expect(h.canUndo).toBe(true);
    fail = false;
    expect((await h.undo())?.label).toBe('x');
  });

  it('forgets the oldest beyond its limit', async () => {
    const { add } = counter();
    const h = new UndoHistory(2);
    h.push(add(1));
    h.push(add(2));
    h.push(add(3));
    expect((await h.undo())?.label).toBe('add 3');
    expect((await h.undo())?.label).toBe('add 2');
    expect(await h.undo()).toBeNull();
  });
});
