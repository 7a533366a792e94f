import { describe, expect, it } from 'vitest';
import { Outbox } from './outbox';
import type { WorkerMessage } from './protocol';

describe('Outbox', () => {
  it('numbers messages from 0 and passes the transfer list on', () => {
    const sent: { msg: WorkerMessage; transfer: Transferable[] }[] = [];
    const box = new Outbox((msg, transfer) => sent.push({ msg, transfer }));
    const buffer = new ArrayBuffer(8);
    box.post({ type: 'pong' }, []);
    box.post({ type: 'error', message: 'x' }, [buffer]);
    expect(sent).toEqual([
      { msg: { type: 'pong', seq: 0 }, transfer: [] },
      { msg: { type: 'error', message: 'x', seq: 1 }, transfer: [buffer] },
    ]);
  });

  it('loses the next messages on request, leaving a gap in the numbers', () => {
    const sent: WorkerMessage[] = [];
    const box = new Outbox((msg) => sent.push(msg));
    box.dropNext(2);
    for (let i = 0; i < 4; i++) box.post({ type: 'pong' }, []);
    expect(sent.map((m) => m.seq)).toEqual([2, 3]);
  });

  it('loses only messages of the given type, when one is given', () => {
    const sent: WorkerMessage[] = [];
    const box = new Outbox((msg) => sent.push(msg));
    box.dropNext(1, 'forked');
    box.post({ type: 'pong' }, []);
    box.post({ type: 'forked', at: 5, discardedOps: 0 }, []);
    box.post({ type: 'forked', at: 6, discardedOps: 0 }, []);
    expect(sent).toEqual([
      { type: 'pong', seq: 0 },
      { type: 'forked', at: 6, discardedOps: 0, seq: 2 },
    ]);
  });
});
