import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import { cspMetaPlugin, dedupeRequireShimPlugin, devWithoutCspPlugin } from './electron/build/vite-plugins';

const root = import.meta.dirname;

/**
 * Native or optional modules load from node_modules at run time, never bundled: sharp carries .node
 * binaries, TF.js picks its backend (tfjs-node if installed, else wasm) itself. (Every package in
 * "dependencies" is external anyway; better-sqlite3 goes through the alias below.)
 */
const NATIVE_EXTERNALS = ['sharp', /^@img\//, /^@tensorflow\//, '@devicefarmer/adbkit'];

export default defineConfig({
  main: {
    plugins: [dedupeRequireShimPlugin()],
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
          // The feature pool's worker thread, found next to the bundle by src/core/ml/features/feature-pool.ts.
          'feature-worker': resolve(root, 'src/core/ml/features/feature-worker.ts'),
          // The deck map's layout thread, found the same way (src/core/deck-map/layout-in-worker.ts).
          'deck-map-worker': resolve(root, 'src/core/deck-map/deck-map-worker.ts'),
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
      rolldownOptions: {
        input: {
          index: resolve(root, 'src/renderer/index.html'),
          // The phone page, served to phones by src/core/phone-page, and its service worker, whose URL
          // must stay the same from build to build (hence no hash: out/renderer/phone-sw.js).
          phone: resolve(root, 'src/renderer/phone/phone.html'),
          'phone-sw': resolve(root, 'src/renderer/phone/phone-sw.ts'),
        },
        output: { entryFileNames: (chunk) => (chunk.name === 'phone-sw' ? '[name].js' : 'assets/[name]-[hash].js') },
      },
    },
  },
});
