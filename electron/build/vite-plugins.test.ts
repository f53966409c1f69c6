import { describe, expect, it } from 'vitest';
import { dedupeRequireShim } from './vite-plugins';

const SHIM = "import __shims_module__ from 'node:module';\nconst require = __shims_module__.createRequire(import.meta.url);\n";

describe('dedupeRequireShim', () => {
  it("drops a module's own top-level require when the shim already declares it", () => {
    const chunk = `${SHIM}var a = 1;\nvar require = createRequire(import.meta.url);\nvar WASM = require.resolve('x');\n`;
    const out = dedupeRequireShim(chunk)!;
    expect(out.match(/require = /g)).toHaveLength(1);
    expect(out).toContain("var WASM = require.resolve('x');");
    // The result is a loadable module body (no duplicate declaration).
    expect(
      () =>
        new Function(out.replace(/^import .*$/m, 'const __shims_module__ = { createRequire: () => () => 0 };').replace(/import\.meta\.url/g, '""')),
    ).not.toThrow();
  });

  it('leaves function-scoped requires and shim-less chunks alone', () => {
    expect(dedupeRequireShim(`${SHIM}function f() {\n\tconst require = createRequire(import.meta.url);\n}\n`)).toBeNull();
    expect(dedupeRequireShim('var require = createRequire(import.meta.url);\n')).toBeNull();
  });
});
