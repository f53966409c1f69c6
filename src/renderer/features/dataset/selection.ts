/** Which photos are selected, and the one a shift-click measures from. */
export interface Selection {
  ids: ReadonlySet<number>;
  anchor: number | null;
}

export const EMPTY_SELECTION: Selection = { ids: new Set(), anchor: null };

export interface ClickKeys {
  shift: boolean;
  /** Ctrl on Windows/Linux, Cmd on a Mac. */
  toggle: boolean;
}

/** A click on a photo, as file managers do it: plain selects one, ctrl adds/removes, shift selects a range. */
export function clickSelect(sel: Selection, order: readonly number[], id: number, keys: ClickKeys): Selection {
  if (keys.shift && sel.anchor !== null) {
    const a = order.indexOf(sel.anchor);
    const b = order.indexOf(id);
    if (a >= 0 && b >= 0) {
      const range = order.slice(Math.min(a, b), Math.max(a, b) + 1);
      const ids = new Set(keys.toggle ? sel.ids : []);
      for (const r of range) ids.add(r);
      return { ids, anchor: sel.anchor };
    }
  }
  if (keys.toggle) {
    const ids = new Set(sel.ids);
    if (ids.has(id)) ids.delete(id);
    else ids.add(id);
    return { ids, anchor: id };
  }
  return { ids: new Set([id]), anchor: id };
}

export function selectAll(order: readonly number[]): Selection {
  return { ids: new Set(order), anchor: order[0] ?? null };
}

/** Drops ids that are no longer shown (moved away, deleted, filtered out). */
export function keepVisible(sel: Selection, order: readonly number[]): Selection {
  const visible = new Set(order);
  const ids = new Set([...sel.ids].filter((id) => visible.has(id)));
  if (ids.size === sel.ids.size) return sel;
  return { ids, anchor: sel.anchor !== null && visible.has(sel.anchor) ? sel.anchor : null };
}
