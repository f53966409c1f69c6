/** The drag type of photos dragged inside the studio (their ids as JSON); files from the OS are "Files". */
export const PHOTO_DRAG_TYPE = 'application/x-magritte-photos';

export function dragHasPhotos(dt: DataTransfer | null): boolean {
  return !!dt && Array.from(dt.types).includes(PHOTO_DRAG_TYPE);
}

export function readDraggedPhotos(dt: DataTransfer): number[] {
  try {
    const ids: unknown = JSON.parse(dt.getData(PHOTO_DRAG_TYPE));
    return Array.isArray(ids) ? ids.filter((id): id is number => Number.isInteger(id)) : [];
  } catch {
    return [];
  }
}

/** A small "3 photos" label under the pointer while dragging, instead of one ghost thumbnail. */
export function setDragLabel(dt: DataTransfer, count: number): void {
  const el = document.createElement('div');
  el.textContent = count === 1 ? '1 photo' : `${count} photos`;
  Object.assign(el.style, {
    position: 'fixed',
    top: '-100px',
    left: '0',
    padding: '6px 12px',
    borderRadius: '16px',
    background: '#3949ab',
    color: '#fff',
    font: '600 14px system-ui, sans-serif',
  });
  document.body.appendChild(el);
  dt.setDragImage(el, 10, 10);
  setTimeout(() => el.remove(), 0);
}
