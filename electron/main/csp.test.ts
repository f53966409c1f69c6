import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
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

  it('is the policy the built renderer page declares (the build writes it into index.html)', () => {
    const source = fs.readFileSync('src/renderer/index.html', 'utf8');
    expect([null, CONTENT_SECURITY_POLICY_META]).toContain(readCspMeta(source));
    expect(readCspMeta(injectCspMeta(source).html)).toBe(CONTENT_SECURITY_POLICY_META);
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
