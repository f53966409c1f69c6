/** JPEG quality of shot frames: sharp enough to train on, small enough to send ten a second. */
const JPEG_QUALITY = 0.92;

let canvas: HTMLCanvasElement | null = null;

/**
 * The frame the camera shows now, as a JPEG at the camera's own resolution. Never mirrored: the
 * mirror is only how the preview is drawn, the stored photo is what the camera saw.
 */
export function grabFrame(video: HTMLVideoElement): Promise<Blob> {
  const { videoWidth: w, videoHeight: h } = video;
  if (!w || !h) return Promise.reject(new Error('The camera shows nothing yet.'));
  canvas ??= document.createElement('canvas');
  canvas.width = w;
  canvas.height = h;
  const ctx = canvas.getContext('2d');
  if (!ctx) return Promise.reject(new Error('This window cannot draw camera frames.'));
  ctx.drawImage(video, 0, 0, w, h);
  return new Promise((resolve, reject) =>
    canvas!.toBlob((b) => (b ? resolve(b) : reject(new Error('The frame could not be saved.'))), 'image/jpeg', JPEG_QUALITY),
  );
}
