import { expect, test } from '@playwright/test';
import { open } from './helpers';

test('the built page has a Content Security Policy that forbids eval and inline script, and still works', async ({ page }) => {
  const violations: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
  });
  await open(page, 'rx=0&entries=4:64&rate=1M&speed=max');
  const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  expect(csp).toContain("script-src 'self'");
  expect(csp).not.toContain('unsafe-eval');
  // A string handed to setTimeout is evaluated by the page later, under its policy (this test's
  // own evaluate calls are exempt from it, so eval is tried this way).
  const evalRan = await page.evaluate(async () => {
    (setTimeout as unknown as (code: string, ms: number) => void)('window.__evalRan = true', 0);
    await new Promise((r) => setTimeout(r, 50));
    return (window as unknown as { __evalRan?: boolean }).__evalRan === true;
  });
  expect(evalRan).toBe(false);
  const inlineRan = await page.evaluate(async () => {
    const s = document.createElement('script');
    s.textContent = 'window.__inlineRan = true';
    document.body.append(s);
    await new Promise((r) => setTimeout(r, 50));
    return (window as unknown as { __inlineRan?: boolean }).__inlineRan === true;
  });
  expect(inlineRan).toBe(false);
  // The worker (a script from the page's origin) runs under the policy.
  await expect.poll(async () => (await page.evaluate(() => window.__cpumapScope!.state().simNs)) > 0).toBe(true);
  // The only complaints are the two refusals above.
  expect(violations.length).toBeLessThanOrEqual(2);
});
