import { chromium } from '@playwright/test';
const port = process.env.PORT ?? 4183;
const tag = process.argv[2] ?? 'before';
const shots = [
  ['1366x768', 1366, 768, ''],
  ['1280x720-present', 1280, 720, 'lesson=bulk-queues&step=1&present=1'],
  ['1280x720-present-s3', 1280, 720, 'lesson=bulk-queues&step=3&present=1'],
  ['800x600', 800, 600, ''],
];
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
for (const [name, w, h, q] of shots) {
  const page = await browser.newPage({ viewport: { width: w, height: h } });
  await page.goto(`http://127.0.0.1:${port}/?${q}`);
  await page.getByRole('timer', { name: 'Simulated time' }).waitFor();
  await page.waitForTimeout(2500);
  const sw = await page.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.scrollHeight]);
  console.log(name, 'scroll', sw);
  await page.screenshot({ path: `/tmp/shots-layout/${tag}-${name}.png` });
  if (name === '800x600') {
    await page.getByRole('button', { name: 'View' }).click().catch((e) => console.log('view', e.message));
    await page.waitForTimeout(300);
    await page.screenshot({ path: `/tmp/shots-layout/${tag}-${name}-view.png` });
    await page.keyboard.press('Escape');
    await page.evaluate(() => window.scrollTo(0, 1e6));
    await page.waitForTimeout(300);
    await page.screenshot({ path: `/tmp/shots-layout/${tag}-${name}-end.png` });
  }
  if (name === '1366x768') {
    await page.evaluate(() => window.scrollTo(0, 1e6));
    await page.waitForTimeout(500);
    await page.screenshot({ path: `/tmp/shots-layout/${tag}-${name}-end.png` });
  }
  await page.close();
}
await browser.close();
