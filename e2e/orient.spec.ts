import { expect, test, type Page } from '@playwright/test';
import { inspectorFields, open, pause, scrollTo } from './helpers';

/** One frame every 100 us into CPU 4: each step is a single, known event. */
const TRICKLE = 'rx=0&entries=4:192&rate=10k&prog=rr&arrival=constant';

/** Clicks Step until the "What happened" caption matches `pattern` (the events come in a known order). */
async function stepUntilCaption(page: Page, pattern: RegExp, limit = 30): Promise<RegExpExecArray> {
  const caption = page.getByRole('status', { name: 'What happened' });
  for (let i = 0; i < limit; i++) {
    const before = (await caption.textContent()) ?? '';
    await page.getByRole('button', { name: 'Step', exact: true }).click();
    await expect(caption).not.toHaveText(before);
    const m = pattern.exec((await caption.textContent()) ?? '');
    if (m !== null) return m;
  }
  throw new Error(`no caption matched ${pattern}`);
}

test('a first visit shows the welcome, with the first lesson and presets; dismissing it is remembered', async ({ page }) => {
  await open(page);
  const welcome = page.getByRole('region', { name: 'Welcome' });
  await expect(welcome).toBeVisible();
  await expect(welcome).toContainText('RX CPUs');
  await expect(welcome).toContainText('ptr_ring');
  await expect(welcome).toContainText('target CPUs');
  await expect(welcome.getByRole('button', { name: 'Lesson: The path of one frame' })).toBeVisible();
  const presets = welcome.getByRole('group', { name: 'Try a preset' });
  await expect(presets.getByRole('button')).toHaveCount(3);
  await expect(presets.getByRole('button', { name: 'One remote CPU overloaded' })).toBeVisible();
  // Non-modal: the controls stay usable while it shows.
  await page.getByRole('button', { name: 'Pause', exact: true }).click();
  await expect(page.getByRole('button', { name: 'Play', exact: true })).toBeVisible();

  await welcome.getByRole('button', { name: 'Explore on my own' }).click();
  await expect(welcome).toBeHidden();
  await page.reload();
  await expect(page.getByRole('timer', { name: 'Simulated time' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Welcome' })).toBeHidden();

  // The View menu brings it back.
  await page.getByRole('button', { name: 'View' }).click();
  await page.getByRole('button', { name: 'Welcome tour' }).click();
  await expect(page.getByRole('region', { name: 'Welcome' })).toBeVisible();
});

test("the welcome's lesson button starts The path of one frame; a preset loads its scenario", async ({ page }) => {
  await open(page);
  await page.getByRole('region', { name: 'Welcome' }).getByRole('button', { name: 'Lesson: The path of one frame' }).click();
  await expect(page).toHaveURL(/lesson=one-frame/);
  await expect(page.getByRole('region', { name: 'Lesson' })).toContainText('A frame lands in RX queue 0');
  await expect(page.getByRole('region', { name: 'Welcome' })).toBeHidden();

  await page.getByRole('button', { name: 'View' }).click();
  await page.getByRole('button', { name: 'Welcome tour' }).click();
  await page.getByRole('combobox', { name: 'Lesson' }).selectOption('');
  await page.getByRole('region', { name: 'Welcome' }).getByRole('button', { name: 'One remote CPU overloaded' }).click();
  await expect(page).toHaveURL(/rate=14\.7M/);
  await expect(page.getByLabel('Preset')).toHaveValue('overload');
});

test('a link with a lesson shows no welcome; a shared scenario gets a one-line hint instead', async ({ page }) => {
  await open(page, 'lesson=one-frame&step=1');
  await expect(page.getByRole('region', { name: 'Lesson' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Welcome' })).toBeHidden();
  await open(page, TRICKLE);
  await expect(page.getByRole('region', { name: 'Welcome' })).toBeHidden();
  await page.getByRole('button', { name: 'Welcome tour' }).click();
  await expect(page.getByRole('region', { name: 'Welcome' })).toBeVisible();
});

test('Step writes what happened, with the numbers the inspector and the counters show', async ({ page }) => {
  await open(page, `${TRICKLE}&paused=1`);
  await pause(page);
  const poll = await stepUntilCaption(page, /CPU 0's NAPI poll took (\d+) frames? from rxq 0; (\d+) redirected to CPU 4's bulk queue/);
  expect(poll[2]).toBe(poll[1]);
  // The frames are in the bulk queue now: the inspector counts them too.
  await page.getByRole('region', { name: 'Topology' }).getByRole('button', { name: 'Bulk queue CPU 0 to CPU 4', exact: true }).click();
  await expect(page.getByRole('region', { name: 'Inspector' }).getByRole('heading')).toContainText('xdp_bulk_queue of CPU 0');
  expect((await inspectorFields(page)).get('count')).toBe(`${poll[1]} / 8`);

  const flush = await stepUntilCaption(page, /bq_flush_to_queue: CPU 0 flushed (\d+) frames? into CPU 4's ptr_ring/);
  expect(flush[1]).toBe(poll[1]);
  const batch = await stepUntilCaption(page, /cpumap\/4\/map:\d+ (?:woke and )?consumed (\d+) frames?; (\d+) SKBs? to the stack/);
  expect(batch[1]).toBe(poll[1]);
  expect(batch[2]).toBe(batch[1]);
  // The same batch in the event list.
  const events = page.getByRole('region', { name: 'Events' });
  await scrollTo(events);
  await expect(events.getByRole('list', { name: 'Latest events' })).toContainText(`consumed ${poll[1]} frame`);
});

test('the Events list fills while running, filters by kind, and a click inspects what an event concerns', async ({ page }) => {
  await open(page);
  await page.getByRole('region', { name: 'Welcome' }).getByRole('button', { name: 'Explore on my own' }).click();
  const events = page.getByRole('region', { name: 'Events' });
  await scrollTo(events);
  const list = events.getByRole('list', { name: 'Latest events' });
  await expect.poll(() => list.getByRole('listitem').count(), { timeout: 20_000 }).toBeGreaterThan(5);
  await expect(list).toContainText('bq_flush_to_queue');

  for (const kind of ['Bulk flushes', 'Wake-ups', 'kthread batches', 'RCU grace periods', 'Map operations']) {
    await events.getByRole('checkbox', { name: kind }).uncheck();
  }
  await pause(page);
  await expect(list).not.toContainText('bq_flush_to_queue');
  const first = list.getByRole('button').first();
  await expect(first).toContainText('NAPI poll on CPU');
  const queue = /from rxq (\d+)/.exec((await first.textContent()) ?? '')![1];
  await first.click();
  await expect(page.getByRole('region', { name: 'Inspector' }).getByRole('heading')).toHaveText(`NIC RX queue ${queue}`);
});

test('clicking a frame follows it: the inspector shows its journey from the NIC through XDP', async ({ page }) => {
  await open(page, `${TRICKLE}&paused=1`);
  await pause(page);
  // Step until a frame has passed XDP and waits in the bulk queue.
  await stepUntilCaption(page, /redirected to CPU 4's bulk queue/);
  await page.getByRole('button', { name: 'Follow a frame', pressed: false }).click();
  await expect(page.getByRole('button', { name: 'Follow a frame', pressed: true })).toBeVisible();
  const inspector = page.getByRole('region', { name: 'Inspector' });
  // A few px off the dot still picks it. The dots are read again if a click missed: a panel that
  // arrives late (deferred code) can move the topology between reading a dot and clicking it.
  await expect(async () => {
    const dots = await page.evaluate(() => window.__cpumapScope!.frameDots());
    expect(dots.length).toBeGreaterThan(0);
    await page.mouse.click(dots[0].x + 3, dots[0].y + 2);
    await expect(inspector.getByRole('heading').first()).toHaveText(`xdp_frame #${dots[0].frame}`, { timeout: 2_000 });
  }).toPass();
  const journey = inspector.getByRole('list', { name: 'Journey' });
  await expect(journey.getByRole('listitem').nth(0)).toContainText('NIC: arrived in RX queue 0');
  await expect(journey.getByRole('listitem').nth(1)).toContainText('XDP: the program ran on CPU 0');
  expect((await inspectorFields(page)).get('where')).toContain('bulk queue of CPU 0');

  // Stepping on, the journey grows to the ring and the kthread.
  await stepUntilCaption(page, /consumed \d+ frame/);
  await expect(journey).toContainText("Bulk queue: CPU 0's bulk queue for CPU 4");
  await expect(journey).toContainText("ptr_ring: flushed into CPU 4's ring");
  await expect(journey).toContainText('kthread: the cpumap kthread on CPU 4 built its SKB');
});
