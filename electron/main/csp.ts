/**
 * The one Content-Security-Policy of the studio's page. The app:// protocol sends it as a response
 * header; the renderer build writes the same policy into index.html as a <meta> tag (minus
 * `frame-ancestors`, which browsers ignore in <meta>), so the browser host is covered too.
 */
const DIRECTIVES: ReadonlyArray<readonly [string, string]> = [
  ['default-src', "'self'"],
  // TF.js's WebAssembly backend compiles wasm; nothing may eval JavaScript.
  ['script-src', "'self' 'wasm-unsafe-eval'"],
  ['img-src', "'self' app: data: blob:"],
  // The camera preview is a MediaStream; recorded frames become blobs.
  ['media-src', "'self' blob: mediastream:"],
  ['connect-src', "'self' app:"],
  // MUI/emotion inject <style> elements at run time.
  ['style-src', "'self' 'unsafe-inline'"],
  ['object-src', "'none'"],
  ['base-uri', "'none'"],
  ['frame-ancestors', "'none'"],
];

function join(directives: ReadonlyArray<readonly [string, string]>): string {
  return directives.map(([name, value]) => `${name} ${value}`).join('; ');
}

/** For the HTTP-style header of app:// responses. */
export const CONTENT_SECURITY_POLICY = join(DIRECTIVES);

/** For the <meta http-equiv> tag: `frame-ancestors` is only honoured as a header. */
export const CONTENT_SECURITY_POLICY_META = join(DIRECTIVES.filter(([name]) => name !== 'frame-ancestors'));

const META_TAG = /<meta\s+http-equiv=["']Content-Security-Policy["'][^>]*>/i;

/** The policy a page's CSP <meta> declares, or null when it has none. */
export function readCspMeta(html: string): string | null {
  const tag = META_TAG.exec(html);
  if (!tag) return null;
  const content = /content\s*=\s*"([^"]*)"/i.exec(tag[0]) ?? /content\s*=\s*'([^']*)'/i.exec(tag[0]);
  return content ? content[1].replace(/\s+/g, ' ').trim() : '';
}

/**
 * Makes a built page carry exactly the studio's CSP <meta>, early in <head>: a missing tag is added,
 * a tag with another policy is replaced (`replaced` says so, for the build to warn about).
 */
export function injectCspMeta(html: string): { html: string; replaced: boolean } {
  const tag = `<meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY_META}" />`;
  const existing = readCspMeta(html);
  if (existing === CONTENT_SECURITY_POLICY_META) return { html, replaced: false };
  if (existing !== null) return { html: html.replace(META_TAG, tag), replaced: true };
  // Right after <meta charset> (which must come first), else at the top of <head>.
  const anchor = /<meta\s+charset=[^>]*>/i.exec(html) ?? /<head[^>]*>/i.exec(html);
  if (!anchor) throw new Error('index.html has no <head>: cannot add the Content-Security-Policy');
  const at = anchor.index + anchor[0].length;
  return { html: `${html.slice(0, at)}\n    ${tag}${html.slice(at)}`, replaced: false };
}

/** The page without its CSP <meta> (for the development server only). */
export function stripCspMeta(html: string): string {
  return html.replace(META_TAG, '');
}
