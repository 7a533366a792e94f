import { describe, expect, it } from 'vitest';
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
