/**
 * How tests and benchmarks start Debian's Chromium: never a downloaded browser, no sandbox (root in
 * CI), no GPU, and nothing that reaches the network on its own.
 */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'];

/**
 * A fake camera. With a feed (a .y4m file) it plays that file in a loop; with `ask` the page's camera
 * request is left to the permissions of its browser context (to test a refused camera) instead of
 * being granted by Chromium's fake prompt.
 */
export function fakeCameraArgs(feed: string | null, opts: { ask?: boolean } = {}): string[] {
  return [
    '--use-fake-device-for-media-stream',
    ...(opts.ask ? [] : ['--use-fake-ui-for-media-stream']),
    ...(feed ? [`--use-file-for-fake-video-capture=${feed}`] : []),
  ];
}
