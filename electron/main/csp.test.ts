import fs from 'node:fs';
import type { IndexHtmlTransformHook as IndexHtmlHandler, Plugin } from 'vite';
import { describe, expect, it } from 'vitest';
import config from '../../electron.vite.config';
import { CONTENT_SECURITY_POLICY, CONTENT_SECURITY_POLICY_META, injectCspMeta, readCspMeta } from './csp';

describe('Content-Security-Policy', () => {
  it('allows only our own scripts (plus wasm compilation) and no plugins, base or framing', () => {
    expect(CONTENT_SECURITY_POLICY).toContain("default-src 'self'");
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self' 'wasm-unsafe-eval';");
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/script-src[^;]*'unsafe-(eval|inline)'/);
    expect(CONTENT_SECURITY_POLICY).toContain("object-src 'none'");
    expect(CONTENT_SECURITY_POLICY).toContain("base-uri 'none'");
    expect(CONTENT_SECURITY_POLICY).toContain("frame-ancestors 'none'");
    expect(CONTENT_SECURITY_POLICY).toContain("media-src 'self' blob: mediastream:");
  });

  it('leaves frame-ancestors out of the <meta> form, which browsers ignore there', () => {
    expect(CONTENT_SECURITY_POLICY_META).not.toContain('frame-ancestors');
    expect(CONTENT_SECURITY_POLICY_META).toContain("object-src 'none'");
  });

  it('is the policy the built renderer page declares (the build writes it into index.html)', async () => {
    // The renderer build's own plugins, as electron-vite runs them: the page they produce must carry
    // exactly this policy (a page without any CSP fails here).
    const plugins = ((config.renderer?.plugins ?? []) as unknown[]).flat(3) as Plugin[];
    const builders = plugins.filter((p) => p && p.transformIndexHtml && p.apply === 'build');
    expect(builders.map((p) => p.name)).toContain('magritte:csp-meta');
    let html = fs.readFileSync('src/renderer/index.html', 'utf8');
    // A different policy in the source page would be replaced with a warning; keep the source honest.
    expect([null, CONTENT_SECURITY_POLICY_META]).toContain(readCspMeta(html));
    const context = { warn: () => undefined } as unknown as ThisParameterType<IndexHtmlHandler>;
    for (const p of builders) {
      const hook = p.transformIndexHtml as { handler: IndexHtmlHandler } | IndexHtmlHandler;
      const out = await (typeof hook === 'function' ? hook : hook.handler).call(context, html, {} as Parameters<IndexHtmlHandler>[1]);
      if (typeof out === 'string') html = out;
    }
    expect(readCspMeta(html)).toBe(CONTENT_SECURITY_POLICY_META);
  });

  it('adds the <meta> tag at the top of <head>, once', () => {
    const html = '<!doctype html><html><head><meta charset="UTF-8" /><title>x</title></head><body></body></html>';
    const { html: out, replaced } = injectCspMeta(html);
    expect(replaced).toBe(false);
    expect(out.indexOf('Content-Security-Policy')).toBeLessThan(out.indexOf('<title>'));
    expect(out.indexOf('charset')).toBeLessThan(out.indexOf('Content-Security-Policy'));
    expect(injectCspMeta(out).html).toBe(out);
  });

  it('replaces a different policy and says so', () => {
    const html = '<head>\n<meta\n  http-equiv="Content-Security-Policy"\n  content="default-src *"\n/>\n</head>';
    const { html: out, replaced } = injectCspMeta(html);
    expect(replaced).toBe(true);
    expect(readCspMeta(out)).toBe(CONTENT_SECURITY_POLICY_META);
    expect(out).not.toContain('default-src *');
  });
});
