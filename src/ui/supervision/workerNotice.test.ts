import { describe, expect, it } from 'vitest';
import { noticeText } from './workerNotice';

describe('noticeText', () => {
  it('says why the worker stopped and from which simulated time it was restarted', () => {
    expect(noticeText({ kind: 'restarted', reason: 'it did not answer for 3.6 s', atNs: 12.3e6 })).toBe(
      'The simulation worker stopped (it did not answer for 3.6 s); restarted from the link at 12.300000 ms.',
    );
  });

  it('says a worker that keeps dying was not restarted', () => {
    expect(noticeText({ kind: 'stopped', reason: 'boom', inARow: 3, quickMs: 30_000 })).toBe(
      'The simulation stopped. Its worker failed (boom), 3 times in a row, each within 30 s of its start, so it was not restarted automatically. ' +
        'The picture below is the last one it sent; your scenario and settings are kept.',
    );
  });
});
