import { expect, test } from '@playwright/test';
import { open } from './helpers';

test('the scenario form applies a change without reloading the page', async ({ page }) => {
  await open(page);
  await page.evaluate(() => ((window as unknown as { marker: number }).marker = 42));
  const form = page.getByRole('form', { name: 'Scenario' });
  await form.getByLabel('CPUs').fill('16');
  await form.getByLabel('Rate').fill('2M');
  await form.getByRole('button', { name: 'Apply' }).click();
  await expect.poll(() => page.url()).toContain('cpus=16');
  expect(page.url()).toContain('rate=2M');
  expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(42);
  await expect(page.getByRole('button', { name: 'CPU 15', exact: true })).toBeAttached();
});

test('invalid form input is named in an alert and nothing else is lost', async ({ page }) => {
  await open(page);
  const form = page.getByRole('form', { name: 'Scenario' });
  await form.getByLabel('Rate').fill('fast');
  await form.getByRole('button', { name: 'Apply' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'rate' })).toContainText('fast');
  await expect(form.getByLabel('CPUs')).toHaveValue('8');
  await expect(page.getByRole('timer', { name: 'Simulated time' })).toBeVisible();
});

test('the preset picker loads a preset', async ({ page }) => {
  await open(page);
  await page.getByLabel('Preset', { exact: true }).selectOption({ label: 'One remote CPU overloaded' });
  await expect.poll(() => page.url()).toContain('rate=14.7M');
  await expect(page.getByRole('form', { name: 'Scenario' }).getByLabel('RX placement')).toHaveValue('3');
});

test('the preemption model is a select that writes preempt=none into the link, and full (the default) leaves it out', async ({ page }) => {
  await open(page);
  const form = page.getByRole('form', { name: 'Scenario' });
  await expect(form.getByLabel('Preemption')).toHaveValue('full');
  await form.getByLabel('Preemption').selectOption('none');
  await form.getByRole('button', { name: 'Apply' }).click();
  await expect.poll(() => page.url()).toContain('preempt=none');
  await form.getByLabel('Preemption').selectOption('full');
  await form.getByRole('button', { name: 'Apply' }).click();
  await expect.poll(() => page.url()).not.toContain('preempt=');
});

test('the XDP mode is a select that writes mode=skb into the link, and then the bulk queues are unused', async ({ page }) => {
  await open(page, 'kernel=5.15&rx=3&entries=4:192&rate=1M&prog=rr');
  const form = page.getByRole('form', { name: 'Scenario' });
  await expect(form.getByLabel('XDP mode')).toHaveValue('native');
  await form.getByLabel('XDP mode').selectOption('skb');
  await form.getByRole('button', { name: 'Apply' }).click();
  await expect.poll(() => page.url()).toContain('mode=skb');
  await page.getByRole('region', { name: 'Topology' }).getByRole('button', { name: 'Bulk queue CPU 3 to CPU 4', exact: true }).click();
  await expect(page.getByRole('region', { name: 'Inspector' })).toContainText('unused: generic XDP puts each SKB straight into the ring');
});
