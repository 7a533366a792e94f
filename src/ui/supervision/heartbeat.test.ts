import { describe, expect, it } from 'vitest';
import { CHECK_EVERY_MS, Heartbeat, SILENT_LIMIT_MS, STARTUP_LIMIT_MS } from './heartbeat';

/** Checks every CHECK_EVERY_MS from `from` to `to`, returning the verdicts. */
function checks(h: Heartbeat, from: number, to: number, heardEvery: number | null = null) {
  const out: { at: number; verdict: string }[] = [];
  for (let t = from; t <= to; t += CHECK_EVERY_MS) {
    if (heardEvery !== null && t % heardEvery === 0) h.heard(t);
    out.push({ at: t, verdict: h.check(t) });
  }
  return out;
}

describe('Heartbeat', () => {
  it('pings while the worker answers, however long', () => {
    const h = new Heartbeat(0);
    expect(checks(h, CHECK_EVERY_MS, 60_000, 1000).every((c) => c.verdict === 'ping')).toBe(true);
  });

  it('declares a silent worker dead once silent for longer than SILENT_LIMIT_MS, not before', () => {
    const h = new Heartbeat(0);
    h.heard(1000);
    const out = checks(h, CHECK_EVERY_MS, 10_000);
    const dead = out.find((c) => c.verdict === 'dead');
    expect(dead?.at).toBeGreaterThan(1000 + SILENT_LIMIT_MS);
    expect(dead!.at).toBeLessThanOrEqual(1000 + SILENT_LIMIT_MS + CHECK_EVERY_MS);
    expect(out.filter((c) => c.at < dead!.at).every((c) => c.verdict === 'ping')).toBe(true);
    expect(h.silentFor(dead!.at)).toBe(dead!.at - 1000);
  });

  it('gives a worker not heard from yet STARTUP_LIMIT_MS to start', () => {
    const h = new Heartbeat(0);
    const out = checks(h, CHECK_EVERY_MS, 30_000);
    const dead = out.find((c) => c.verdict === 'dead');
    expect(dead?.at).toBeGreaterThan(STARTUP_LIMIT_MS);
    expect(dead!.at).toBeLessThanOrEqual(STARTUP_LIMIT_MS + CHECK_EVERY_MS);
  });

  it('signs of life every 500 ms during long work keep the worker alive', () => {
    const h = new Heartbeat(0);
    expect(checks(h, CHECK_EVERY_MS, 120_000, 500).some((c) => c.verdict === 'dead')).toBe(false);
  });

  it('judges nothing while the page is hidden, and gives a fresh window when it is shown', () => {
    const h = new Heartbeat(0);
    h.heard(50);
    h.setVisible(false, 100);
    // Hidden for a minute, the worker silent (it holds, and the page's timers are throttled).
    expect(checks(h, 500, 60_000).every((c) => c.verdict === 'idle')).toBe(true);
    h.setVisible(true, 60_000);
    const out = checks(h, 60_500, 70_000);
    const dead = out.find((c) => c.verdict === 'dead');
    expect(dead?.at).toBeGreaterThan(60_000 + SILENT_LIMIT_MS);
  });

  it('does not blame the worker for the page’s own stall (a late check starts a fresh window)', () => {
    const h = new Heartbeat(0);
    h.heard(0);
    expect(h.check(500)).toBe('ping');
    // The page's main thread was busy for 6 s: the worker's messages may be queued behind this check.
    expect(h.check(6500)).toBe('ping');
    expect(h.check(7000)).toBe('ping');
    // But silence after the stall still counts.
    const out = checks(h, 7500, 12_000);
    expect(out.find((c) => c.verdict === 'dead')?.at).toBeGreaterThan(6500 + SILENT_LIMIT_MS);
  });
});
