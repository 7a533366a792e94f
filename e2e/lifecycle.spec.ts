import { expect, test } from '@playwright/test';
import { open, scrollTo } from './helpers';

test('an entry deleted under load goes through the whole teardown to freed with refcnt 0', async ({ page }) => {
  await open(page, 'rx=0,1&entries=4:256,5:256&rate=4M&prog=hash&ops=1ms:delete:4&speed=500000');
  const panel = page.getByRole('region', { name: 'Entry lifecycle' });
  await scrollTo(panel);
  const card = panel.getByRole('article', { name: /^cpu 4, map \d+, entry #1$/ });
  await expect(card).toContainText('state freed', { timeout: 30_000 });
  await expect(card).toContainText('refcnt 0');
  const table = card.getByRole('table', { name: 'Transitions of cpu 4 (entry #1)' });
  for (const event of ['ALLOC_OK', 'XCHG_OUT', 'RCU_FREE_CB', 'KTHREAD_STOP', 'KTHREAD_EXIT']) await expect(table).toContainText(event);
  // The other entry is still live beside it.
  await expect(panel.getByRole('article', { name: /^cpu 5, map \d+, entry #2$/ })).toContainText('state live');
});

test('the kernel code panel follows the selected element and switches with the kernel version', async ({ page }) => {
  await open(page, 'kernel=5.2&rx=3&entries=4:192&rate=1M&prog=rr&paused=1');
  const code = page.getByRole('region', { name: 'Kernel code' });
  await page.getByRole('region', { name: 'Topology' }).getByRole('button', { name: 'Entry for CPU 4', exact: true }).click();
  await expect(code.getByRole('list', { name: 'Pseudocode of cpu_map_kthread_run' })).toBeVisible();
  await expect(code.getByRole('link', { name: /cpu_map_kthread_run upstream \(v5\.2\)/ })).toHaveAttribute('href', /\/v5\.2\//);
  await expect(code).toContainText('ptr_ring_consume_batched');
  await expect(code.locator('[aria-current="step"]')).toHaveCount(1);

  await page.getByRole('form', { name: 'Scenario' }).getByLabel('Kernel').selectOption('5.0');
  await page.getByRole('form', { name: 'Scenario' }).getByRole('button', { name: 'Apply' }).click();
  await expect.poll(() => page.url()).toContain('kernel=5.0');
  await page.getByRole('region', { name: 'Topology' }).getByRole('button', { name: 'Entry for CPU 4', exact: true }).click();
  await expect(code.getByRole('link', { name: /cpu_map_kthread_run upstream \(v5\.0\)/ })).toHaveAttribute(
    'href',
    'https://elixir.bootlin.com/linux/v5.0/source/kernel/bpf/cpumap.c#L236',
  );
  await expect(code).toContainText('(not in v5.0)');
});

test('6.6: the kernel code panel lists what changed from v6.1, and marks the teardown lines new in v6.6', async ({ page }) => {
  await open(page, 'kernel=6.6&rx=3&entries=4:192&rate=1M&prog=rr&paused=1');
  const code = page.getByRole('region', { name: 'Kernel code' });
  const changes = code.getByRole('region', { name: 'What changed from v6.1 to v6.6' });
  await expect(changes.getByRole('listitem')).toHaveCount(2);
  await expect(changes.getByRole('link', { name: '__cpu_map_entry_replace (v6.6)' })).toHaveAttribute(
    'href',
    'https://elixir.bootlin.com/linux/v6.6/C/ident/__cpu_map_entry_replace',
  );
  await page.getByRole('region', { name: 'Topology' }).getByRole('button', { name: 'Entry for CPU 4', exact: true }).click();
  await expect(code.getByRole('list', { name: 'Pseudocode of cpu_map_kthread_run' })).toContainText('(new in v6.6)');
});

test('v6.6: the panel draws the rcu_work machine, and a deleted entry goes to freed without a refcount', async ({ page }) => {
  await open(page, 'kernel=6.6&rx=0,1&entries=4:256,5:256&rate=4M&prog=hash&ops=1ms:delete:4&speed=500000');
  const panel = page.getByRole('region', { name: 'Entry lifecycle' });
  await scrollTo(panel);
  await expect(panel).toContainText('Machine of 6.6 and later');
  const card = panel.getByRole('article', { name: /^cpu 4, map \d+, entry #1$/ });
  await expect(card).toContainText('state freed', { timeout: 30_000 });
  await expect(card).toContainText('no refcount (6.6+)');
  const table = card.getByRole('table', { name: 'Transitions of cpu 4 (entry #1)' });
  for (const event of ['KTHREAD_RUNNING', 'XCHG_OUT', 'KTHREAD_STOP', 'KTHREAD_EXIT']) await expect(table).toContainText(event);
  await expect(table).not.toContainText('RCU_FREE_CB');
});
