import { describe, expect, it } from 'vitest';
import { hotspots } from './hotspots';
import { computeLayout } from './layout';

const topology = { cpus: 8, maxEntries: 8, kernel: '5.2' as const, rx: [{ queue: 0, cpu: 3, size: 512 }], stack: 'udp-noport' };

describe('hotspots', () => {
  it('names every CPU, RX queue, bulk queue and entry as the explorer speaks of them', () => {
    const entries = [{ uid: 1, cpu: 4, qsize: 192, inSlot: true }];
    const names = hotspots(computeLayout({ topology, entries, width: 1200, height: 700 }), entries).map((h) => h.name);
    expect(names).toEqual([
      'CPU 0',
      'CPU 1',
      'CPU 2',
      'CPU 3',
      'RX queue 0 on CPU 3',
      'Bulk queue CPU 3 to CPU 4',
      'CPU 4',
      'Entry for CPU 4',
      'CPU 5',
      'CPU 6',
      'CPU 7',
    ]);
  });

  it('5.10: describes an entry with a program by what it does, and keeps its name', () => {
    const entries = [{ uid: 1, cpu: 4, qsize: 192, inSlot: true, prog: 'drop 25%' }];
    const spot = hotspots(computeLayout({ topology, entries, width: 1200, height: 700 }), entries).find((h) => h.target.kind === 'entry');
    expect(spot).toMatchObject({ name: 'Entry for CPU 4', description: 'XDP program in the kthread: drop 25%' });
  });

  it('keeps names unique when an old entry drains beside the new one', () => {
    const entries = [
      { uid: 1, cpu: 4, qsize: 2048, inSlot: false },
      { uid: 2, cpu: 4, qsize: 64, inSlot: true },
    ];
    const spots = hotspots(computeLayout({ topology, entries, width: 1200, height: 700 }), entries);
    const names = spots.map((h) => h.name);
    expect(new Set(names).size).toBe(names.length);
    expect(names).toContain('Entry for CPU 4');
    expect(names).toContain('Entry for CPU 4 (old, uid 1)');
    expect(names).toContain('Bulk queue CPU 3 to CPU 4 (old, uid 1)');
    expect(spots.find((h) => h.name === 'Entry for CPU 4')?.target).toEqual({ kind: 'entry', uid: 2 });
    expect(spots.find((h) => h.name === 'Bulk queue CPU 3 to CPU 4')?.target).toEqual({ kind: 'bulkq', uid: 2, cpu: 3 });
  });

  it('gives buttons that do not overlap, so a click lands on the one named', () => {
    const entries = [
      { uid: 1, cpu: 4, qsize: 192, inSlot: true },
      { uid: 2, cpu: 3, qsize: 192, inSlot: true },
    ];
    const spots = hotspots(computeLayout({ topology, entries, width: 1000, height: 600 }), entries);
    for (let i = 0; i < spots.length; i++) {
      for (let j = i + 1; j < spots.length; j++) {
        const a = spots[i].rect;
        const b = spots[j].rect;
        const overlap = a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
        expect(overlap, `${spots[i].name} / ${spots[j].name}`).toBe(false);
      }
    }
  });
});
