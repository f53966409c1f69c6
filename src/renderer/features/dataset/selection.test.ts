import { describe, expect, it } from 'vitest';
import { clickSelect, EMPTY_SELECTION, keepVisible, selectAll } from './selection';

const order = [10, 11, 12, 13, 14];
const none = { shift: false, toggle: false };

describe('clickSelect', () => {
  it('selects one photo on a plain click', () => {
    const s = clickSelect(clickSelect(EMPTY_SELECTION, order, 11, none), order, 13, none);
    expect([...s.ids]).toEqual([13]);
  });
  it('adds and removes with ctrl', () => {
    let s = clickSelect(EMPTY_SELECTION, order, 11, none);
    s = clickSelect(s, order, 13, { shift: false, toggle: true });
    expect([...s.ids].sort()).toEqual([11, 13]);
    s = clickSelect(s, order, 11, { shift: false, toggle: true });
    expect([...s.ids]).toEqual([13]);
  });
  it('selects a range with shift, either way round', () => {
    let s = clickSelect(EMPTY_SELECTION, order, 13, none);
    s = clickSelect(s, order, 11, { shift: true, toggle: false });
    expect([...s.ids].sort()).toEqual([11, 12, 13]);
    s = clickSelect(s, order, 14, { shift: true, toggle: false });
    expect([...s.ids].sort()).toEqual([13, 14]);
  });
  it('selects all, and forgets photos no longer shown', () => {
    const s = keepVisible(selectAll(order), [10, 12]);
    expect([...s.ids]).toEqual([10, 12]);
  });
});
