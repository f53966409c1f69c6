import { useEffect, useRef, useState } from 'react';
import Box from '@mui/material/Box';

const FRAME = { width: '100%', aspectRatio: '4 / 3', display: 'block', bgcolor: 'grey.100' } as const;

/**
 * The dropped photo as the browser shows it; for a file the browser cannot show (a TIFF, say) the
 * centre square the core prepared for the model, so the teacher still sees what was judged.
 */
export function PhotoPreview({ url, name, pixels, size }: { url: string; name: string; pixels?: Uint8Array; size?: number }) {
  const [broken, setBroken] = useState(false);
  const canvas = useRef<HTMLCanvasElement>(null);
  const drawn = broken && pixels !== undefined && size !== undefined;

  useEffect(() => {
    const ctx = drawn ? canvas.current?.getContext('2d') : null;
    if (!ctx || !pixels || !size) return;
    const image = ctx.createImageData(size, size);
    for (let i = 0, j = 0; i < pixels.length; i += 3, j += 4) {
      image.data[j] = pixels[i];
      image.data[j + 1] = pixels[i + 1];
      image.data[j + 2] = pixels[i + 2];
      image.data[j + 3] = 255;
    }
    ctx.putImageData(image, 0, 0);
  }, [drawn, pixels, size]);

  if (drawn) {
    return (
      <Box sx={{ ...FRAME, display: 'flex', justifyContent: 'center' }}>
        <Box
          component="canvas"
          ref={canvas}
          width={size}
          height={size}
          role="img"
          aria-label={`${name}, as the model sees it`}
          data-testid="photo-model-view"
          sx={{ height: '100%', aspectRatio: '1 / 1' }}
        />
      </Box>
    );
  }
  return <Box component="img" src={url} alt={name} onError={() => setBroken(true)} sx={{ ...FRAME, objectFit: 'cover' }} />;
}
