import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SELF = fileURLToPath(import.meta.url);
const SRC = path.dirname(SELF);
const ROOT = path.resolve(SRC, '..');
const TEST_SUPPORT = [path.join(SRC, 'test-support'), path.join(ROOT, 'tests')];

function sourceFiles(dir: string): string[] {
  return (
    fs
      .readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile() && /\.(ts|tsx|mts|cts|js|mjs|cjs)$/.test(e.name))
      .map((e) => path.join(e.parentPath, e.name))
      // This file names electron in its own sample code.
      .filter((f) => f !== SELF)
  );
}

/** Every module specifier a file imports, requires or dynamically imports. */
function specifiers(code: string): string[] {
  const out: string[] = [];
  const patterns = [
    /\bimport\s+(?:type\s+)?(?:[\w*{}\s,$]+\s+from\s+)?['"]([^'"]+)['"]/g,
    /\bexport\s+(?:type\s+)?(?:[\w*{}\s,$]+\s+from\s+)['"]([^'"]+)['"]/g,
    /\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g,
    /\brequire\s*\(\s*['"]([^'"]+)['"]\s*\)/g,
  ];
  for (const re of patterns) for (const m of code.matchAll(re)) out.push(m[1]);
  return out;
}

describe('layering', () => {
  it('the core never imports electron (it runs in plain Node, tests, the CLI and the browser host)', () => {
    const offenders: string[] = [];
    for (const file of sourceFiles(path.join(SRC, 'core'))) {
      for (const spec of specifiers(fs.readFileSync(file, 'utf8'))) {
        if (spec === 'electron' || spec.startsWith('electron/') || /(^|\/)electron\//.test(spec))
          offenders.push(`${path.relative(SRC, file)}: ${spec}`);
      }
    }
    expect(offenders).toEqual([]);
  });

  it('the contract (src/shared) imports no Node, DOM-framework or Electron module', () => {
    const offenders: string[] = [];
    // The contract's code runs in every shell, so it may import only itself and zod (pure TypeScript,
    // no Node or DOM: the request validators). Its own tests run in Vitest like any test.
    const allowed = (spec: string, file: string) => spec.startsWith('.') || spec === 'zod' || (file.endsWith('.test.ts') && spec === 'vitest');
    for (const file of sourceFiles(path.join(SRC, 'shared'))) {
      for (const spec of specifiers(fs.readFileSync(file, 'utf8'))) {
        if (!allowed(spec, file)) offenders.push(`${path.relative(SRC, file)}: ${spec}`);
      }
    }
    expect(offenders).toEqual([]);
  });

  it('production code never imports test support (src/test-support, tests/): scaffolding stays out of what ships', () => {
    const isTest = (f: string) => /\.(test|spec)\.tsx?$/.test(f) || TEST_SUPPORT.some((dir) => f.startsWith(dir + path.sep));
    const production = [...sourceFiles(SRC), ...sourceFiles(path.join(ROOT, 'electron'))].filter((f) => !isTest(f));
    const offenders: string[] = [];
    for (const file of production) {
      for (const spec of specifiers(fs.readFileSync(file, 'utf8'))) {
        if (!spec.startsWith('.')) continue;
        const target = path.resolve(path.dirname(file), spec);
        if (TEST_SUPPORT.some((dir) => target === dir || target.startsWith(dir + path.sep))) offenders.push(`${path.relative(ROOT, file)}: ${spec}`);
      }
    }
    expect(production.length).toBeGreaterThan(100);
    expect(offenders).toEqual([]);
  });

  it('the scanner sees the import forms it checks for', () => {
    const sample = `import { app } from 'electron';\nimport type { X } from "electron/main";\nconst e = require('electron');\nawait import('electron');\nexport { y } from 'electron';`;
    expect(specifiers(sample).sort()).toEqual(['electron', 'electron', 'electron', 'electron', 'electron/main']);
  });
});
