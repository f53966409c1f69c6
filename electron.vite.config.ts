import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import type { Plugin } from 'vite';
import { injectCspMeta, stripCspMeta } from './electron/main/csp';

const root = import.meta.dirname;

/**
 * Native or optional modules load from node_modules at run time, never bundled: better-sqlite3 and
 * sharp carry .node binaries, TF.js picks its backend (tfjs-node if installed, else wasm) itself.
 */
const NATIVE_EXTERNALS = ['sharp', /^@img\//, /^@tensorflow\//, '@devicefarmer/adbkit'];

/** Writes the studio's Content-Security-Policy into the built index.html (dev keeps Vite's inline HMR). */
function cspMetaPlugin(): Plugin {
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
function devWithoutCspPlugin(): Plugin {
  return {
    name: 'magritte:dev-without-csp',
    apply: 'serve',
    transformIndexHtml: (html) => stripCspMeta(html),
  };
}

export default defineConfig({
  main: {
    resolve: {
      // The core's better-sqlite3 goes through a wrapper that can load an Electron-ABI build of the
      // addon (see electron/main/sqlite-native.ts); the wrapper itself requires the real module.
      alias: [{ find: /^better-sqlite3$/, replacement: resolve(root, 'electron/main/sqlite-native.ts') }],
    },
    build: {
      externalizeDeps: { exclude: ['better-sqlite3'] },
      outDir: resolve(root, 'out/main'),
      rolldownOptions: {
        input: {
          index: resolve(root, 'electron/main/index.ts'),
          // The utilityProcess entry: the core, forwarded over process.parentPort.
          'core-process': resolve(root, 'electron/main/core-process.ts'),
        },
        external: NATIVE_EXTERNALS,
      },
    },
  },
  preload: {
    build: {
      outDir: resolve(root, 'out/preload'),
      // A sandboxed preload can require only `electron` and a few built-ins: bundle everything else.
      externalizeDeps: false,
      rolldownOptions: {
        input: { index: resolve(root, 'electron/preload/index.ts') },
        // Sandboxed preloads cannot be ES modules; .cjs because package.json says "type": "module".
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(root, 'src/renderer'),
    // Relative asset URLs work both over app://studio/ and the browser host's http://127.0.0.1.
    base: './',
    plugins: [react(), cspMetaPlugin(), devWithoutCspPlugin()],
    build: {
      outDir: resolve(root, 'out/renderer'),
      // Nothing inlined as data: URLs (fonts would fall foul of the CSP's default-src 'self').
      assetsInlineLimit: 0,
      rolldownOptions: { input: resolve(root, 'src/renderer/index.html') },
    },
  },
});
