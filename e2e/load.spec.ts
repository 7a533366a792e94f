import { expect, test } from '@playwright/test';

test('the page loads and names the project', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1 })).toContainText('cpumap-scope');
});
