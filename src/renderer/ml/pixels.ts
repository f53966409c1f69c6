import { centreSquareRgb, type RgbaImage } from './resample';

/** Anything the window can draw: a playing <video>, a decoded photo, a canvas. */
export type FrameSource = HTMLVideoElement | HTMLImageElement | HTMLCanvasElement | ImageBitmap | OffscreenCanvas;

function naturalSize(source: FrameSource): { width: number; height: number } {
  if (source instanceof HTMLVideoElement) return { width: source.videoWidth, height: source.videoHeight };
  if (source instanceof HTMLImageElement) return { width: source.naturalWidth, height: source.naturalHeight };
  return { width: source.width, height: source.height };
}

type Ctx2d = CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D;
let scratch: { canvas: OffscreenCanvas | HTMLCanvasElement; ctx: Ctx2d } | null = null;

/** One reusable canvas kept on the CPU side: reading pixels back every frame is what it is for. */
function scratchContext(width: number, height: number): Ctx2d {
  if (!scratch) {
    const canvas = typeof OffscreenCanvas !== 'undefined' ? new OffscreenCanvas(width, height) : document.createElement('canvas');
    const ctx = canvas.getContext('2d', { willReadFrequently: true, alpha: true }) as Ctx2d | null;
    if (!ctx) throw new Error('This browser cannot read pixels from a canvas.');
    scratch = { canvas, ctx };
  }
  if (scratch.canvas.width !== width || scratch.canvas.height !== height) {
    scratch.canvas.width = width;
    scratch.canvas.height = height;
  }
  return scratch.ctx;
}

/** The full-size RGBA pixels of a frame or photo, unmirrored, as they are. */
export function readPixels(source: FrameSource): RgbaImage {
  const { width, height } = naturalSize(source);
  if (!width || !height) throw new Error('The picture has no pixels yet.');
  const ctx = scratchContext(width, height);
  ctx.clearRect(0, 0, width, height);
  ctx.drawImage(source, 0, 0, width, height);
  const img = ctx.getImageData(0, 0, width, height);
  return { data: img.data, width, height };
}

/**
 * The network's input for one frame or photo: RGB bytes (size x size x 3) of the centre square,
 * prepared exactly as the core prepares photos (see resample.ts).
 */
export function inputPixels(source: FrameSource, size: number): Uint8Array {
  return centreSquareRgb(readPixels(source), size);
}

/**
 * Decodes a photo file upright (EXIF orientation applied) without colour management, which is how
 * the core reads photos too.
 */
export function decodePhoto(file: Blob): Promise<ImageBitmap> {
  return createImageBitmap(file, { imageOrientation: 'from-image', colorSpaceConversion: 'none', premultiplyAlpha: 'none' });
}
