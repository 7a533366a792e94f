import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeText, HTML_PAYLOADS, hostileQuery } from '../../tests/fuzz/hostileInputs';
import { iframeCode } from './EmbedCode';
import { fullPageLink } from './EmbedView';

describe('the embed code', () => {
  it('points at the page with embed=1, without presentation mode, with the query escaped for HTML', () => {
    const code = iframeCode('https://example.org', '/scope/', 'v=1&rate=4M&lesson=one-frame&step=2&present=1', 800, 450);
    expect(code).toBe(
      '<iframe src="https://example.org/scope/?v=1&amp;rate=4M&amp;lesson=one-frame&amp;step=2&amp;embed=1" width="800" height="450" ' +
        'title="cpumap-scope: the BPF cpumap, frame by frame" loading="lazy" style="border:0"></iframe>',
    );
    // Already an embed: embed=1 once.
    expect(iframeCode('https://x', '/', 'rate=1M&embed=1', 320, 320).match(/embed=1/g)).toHaveLength(1);
    // Quotes in a query cannot end the attribute.
    expect(iframeCode('https://x', '/', 'compare=a"b', 320, 320)).toContain('compare=a&quot;b');
  });
});

describe("the embed's link to the full page", () => {
  it('drops embed=1 and stays on the page origin, even for a path that begins with //', () => {
    expect(fullPageLink('https://example.org', '/scope/', '?rate=4M&embed=1&paused=1')).toBe('https://example.org/scope/?rate=4M&paused=1');
    expect(fullPageLink('https://example.org', '/', '?embed=1')).toBe('https://example.org/');
    expect(fullPageLink('https://example.org', '//evil.example/', '?embed=1&x=1')).toBe('https://example.org//evil.example/?x=1');
    expect(new URL(fullPageLink('https://example.org', '//evil.example/', '')).host).toBe('example.org');
  });
});

describe('the embed code for hostile input (seed 20240611)', () => {
  /**
   * The src of an embed code that is one iframe element with exactly the attributes iframeCode
   * writes, read back as an HTML parser reads a double-quoted value; null for anything else.
   */
  function iframeSrc(code: string): string | null {
    const m = /^<iframe src="([^"]*)" width="-?\d+" height="-?\d+" title="[^"<>&]*" loading="lazy" style="border:0"><\/iframe>$/.exec(code);
    // Every & in the attribute starts &amp; or &quot;: no character reference of the input survives as one.
    if (m === null || /&(?!amp;|quot;)/.test(m[1])) return null;
    return m[1].replace(/&(amp|quot);/g, (_m, name: string) => (name === 'amp' ? '&' : '"'));
  }
  const text = fc.oneof(fc.constantFrom(...HTML_PAYLOADS), fc.string({ unit: 'binary', maxLength: 40 }), hostileQuery);

  it('600 generated origins, paths and queries: one iframe element whose src is exactly the link, nothing else', () => {
    fc.assert(
      fc.property(text, text, text, fc.integer(), (origin, path, query, size) => {
        const src = iframeSrc(iframeCode(origin, path, query, size, size));
        expect(src).not.toBeNull();
        expect(src!.startsWith(`${origin}${path}?`)).toBe(true);
        expect(src!.endsWith('&embed=1')).toBe(true);
      }),
      { seed: 20_240_611, numRuns: 600 },
    );
  });

  it('keeps a payload, raw or encoded, as text inside the src attribute', () => {
    const query = `compare=${encodeText(HTML_PAYLOADS[2])}&raw=${HTML_PAYLOADS[2]}`;
    expect(iframeSrc(iframeCode('https://x', '/', query, 320, 320))).toBe(`https://x/?${query}&embed=1`);
  });
});
