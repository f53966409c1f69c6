import type { Plugin } from 'vite';
import { injectCspMeta, stripCspMeta } from '../main/csp';

/** Writes the studio's Content-Security-Policy into the built index.html (see electron/main/csp.ts). */
export function cspMetaPlugin(): Plugin {
  return {
    name: 'magritte:csp-meta',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(html) {
        const out = injectCspMeta(html);
        if (out.replaced) this.warn('src/renderer/index.html declared another CSP; replaced by electron/main/csp.ts');
        return out.html;
      },
    },
  };
}

/**
 * `electron-vite dev` only: Vite's dev server injects inline scripts (React refresh) that the CSP
 * rightly forbids, so the dev page goes without it. Built pages always carry it.
 */
export function devWithoutCspPlugin(): Plugin {
  return {
    name: 'magritte:dev-without-csp',
    apply: 'serve',
    transformIndexHtml: (html) => stripCspMeta(html),
  };
}

const SHIM_REQUIRE = 'const require = __shims_module__.createRequire(import.meta.url);';
const OWN_REQUIRE = /^(?:var|let|const) require = createRequire\(import\.meta\.url\);\n/gm;

/**
 * electron-vite prepends `const require = createRequire(import.meta.url)` to ES-module chunks that
 * mention require(. A core file with its own top-level `const require = createRequire(import.meta.url)`
 * then shares that module scope and the chunk fails to load ("Identifier 'require' has already been
 * declared"). Both bind the same function, so the module's own copy is dropped. Null: unchanged.
 */
export function dedupeRequireShim(code: string): string | null {
  if (!code.includes(SHIM_REQUIRE)) return null;
  const deduped = code.replace(OWN_REQUIRE, '');
  return deduped === code ? null : deduped;
}

export function dedupeRequireShimPlugin(): Plugin {
  return {
    name: 'magritte:dedupe-require-shim',
    apply: 'build',
    enforce: 'post',
    renderChunk: (code) => dedupeRequireShim(code),
  };
}
