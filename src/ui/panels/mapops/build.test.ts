import { describe, expect, it } from 'vitest';
import { buildMapOp, U32_MAX, type MapOpForm } from './build';

const form: MapOpForm = { key: '4', qsize: '192', flags: 'BPF_ANY', flagsValue: '', max: '', rate: '2M', queue: '1', cpu: '3' };

describe('buildMapOp', () => {
  it('builds each operation at time 0 (the worker applies it now)', () => {
    expect(buildMapOp('update', form)).toEqual({ ok: true, op: { at: 0, op: 'update', key: 4, qsize: 192, flags: 0 } });
    expect(buildMapOp('update', { ...form, flags: 'BPF_NOEXIST' })).toMatchObject({ op: { flags: 1 } });
    expect(buildMapOp('update', { ...form, flags: 'BPF_EXIST' })).toMatchObject({ op: { flags: 2 } });
    expect(buildMapOp('delete', form)).toEqual({ ok: true, op: { at: 0, op: 'delete', key: 4 } });
    expect(buildMapOp('lookup', form)).toEqual({ ok: true, op: { at: 0, op: 'lookup', key: 4 } });
    expect(buildMapOp('next', form)).toEqual({ ok: true, op: { at: 0, op: 'next', key: 4 } });
    expect(buildMapOp('free', { ...form, key: 'junk' })).toEqual({ ok: true, op: { at: 0, op: 'free' } });
  });

  it('asks for the first key when Get next key has no key', () => {
    expect(buildMapOp('next', { ...form, key: '  ' })).toEqual({ ok: true, op: { at: 0, op: 'next', key: null } });
  });

  it('leaves the kernel checks to the kernel: big keys, huge qsize, unknown flags', () => {
    expect(buildMapOp('update', { ...form, key: '70' })).toMatchObject({ ok: true, op: { key: 70 } });
    expect(buildMapOp('update', { ...form, key: String(U32_MAX), qsize: String(U32_MAX) })).toMatchObject({ ok: true });
    expect(buildMapOp('update', { ...form, qsize: '0' })).toMatchObject({ ok: true, op: { qsize: 0 } });
    expect(buildMapOp('update', { ...form, flags: 'other', flagsValue: '4' })).toMatchObject({ ok: true, op: { flags: 4 } });
  });

  it('rejects what is not a whole number of the field type, with a message naming the field', () => {
    for (const key of ['', '-1', '1.5', '1e3', '0x10', 'abc', String(U32_MAX + 1)]) {
      const r = buildMapOp('lookup', { ...form, key });
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.message).toMatch(/^Key /);
    }
    const q = buildMapOp('update', { ...form, qsize: 'lots' });
    expect(q).toEqual({ ok: false, message: 'qsize must be a whole number from 0 to 4294967295 (got "lots").' });
    const f = buildMapOp('update', { ...form, flags: 'other', flagsValue: '' });
    expect(f.ok).toBe(false);
    if (!f.ok) expect(f.message).toMatch(/^Flags is empty/);
    // qsize and flags do not matter to delete.
    expect(buildMapOp('delete', { ...form, qsize: 'x', flags: 'other', flagsValue: 'y' }).ok).toBe(true);
  });

  it('accepts surrounding blanks and leading zeros', () => {
    expect(buildMapOp('lookup', { ...form, key: ' 007 ' })).toMatchObject({ ok: true, op: { key: 7 } });
  });

  it('builds Create map, with the scenario max when max_entries is empty, and leaves 0 or 65 to BPF_MAP_CREATE', () => {
    expect(buildMapOp('create', form)).toEqual({ ok: true, op: { at: 0, op: 'create', max: null } });
    expect(buildMapOp('create', { ...form, max: ' 4 ' })).toEqual({ ok: true, op: { at: 0, op: 'create', max: 4 } });
    expect(buildMapOp('create', { ...form, max: '0' })).toMatchObject({ ok: true, op: { max: 0 } });
    expect(buildMapOp('create', { ...form, max: '65' })).toMatchObject({ ok: true, op: { max: 65 } });
    expect(buildMapOp('create', { ...form, max: 'many' })).toEqual({
      ok: false,
      message: 'max_entries must be a whole number from 0 to 4294967295 (got "many").',
    });
  });

  it('builds Set rate from a rate as the rate parameter writes it, leaving the line-rate cap to the engine', () => {
    expect(buildMapOp('rate', form)).toEqual({ ok: true, op: { at: 0, op: 'rate', rate: 2_000_000 } });
    expect(buildMapOp('rate', { ...form, rate: '14.88M' })).toMatchObject({ ok: true, op: { rate: 14_880_000 } });
    expect(buildMapOp('rate', { ...form, rate: '0' })).toMatchObject({ ok: true, op: { rate: 0 } });
    expect(buildMapOp('rate', { ...form, rate: '99G' })).toMatchObject({ ok: true, op: { rate: 99e9 } });
    expect(buildMapOp('rate', { ...form, rate: 'fast' })).toEqual({
      ok: false,
      message: 'Rate must be frames per second such as 0, 500k or 14.88M (got "fast").',
    });
  });

  it('builds Move interrupt for an RX queue and CPU the machine has, and refuses others as a link would be', () => {
    const shape = { rxQueues: 2, cpus: 4 };
    expect(buildMapOp('irq', form, shape)).toEqual({ ok: true, op: { at: 0, op: 'irq', queue: 1, cpu: 3 } });
    expect(buildMapOp('irq', { ...form, queue: '2' }, shape)).toEqual({
      ok: false,
      message: 'RX queue must be a whole number from 0 to 1 (got "2").',
    });
    expect(buildMapOp('irq', { ...form, cpu: '4' }, shape)).toEqual({
      ok: false,
      message: 'CPU must be a whole number from 0 to 3 (got "4").',
    });
    // Before a scenario has loaded, only the syntax is checked (the engine answers -ENOENT or -EINVAL).
    expect(buildMapOp('irq', { ...form, queue: '9' })).toMatchObject({ ok: true, op: { queue: 9 } });
  });
});

describe('buildMapOp: an update with an entry program', () => {
  const shape510 = { rxQueues: 1, cpus: 8, kernel: '5.10' as const };
  it('5.10: adds the program, with its fraction for drop and redirect', () => {
    expect(buildMapOp('update', { ...form, prog: 'drop', fraction: '0.25' }, shape510)).toEqual({
      ok: true,
      op: { at: 0, op: 'update', key: 4, qsize: 192, flags: 0, prog: { action: 'drop', fraction: 0.25 } },
    });
    expect(buildMapOp('update', { ...form, prog: 'pass', fraction: 'ignored' }, shape510)).toMatchObject({
      op: { prog: { action: 'pass', fraction: 1 } },
    });
    expect(buildMapOp('update', { ...form, prog: 'none' }, shape510)).toEqual({
      ok: true,
      op: { at: 0, op: 'update', key: 4, qsize: 192, flags: 0 },
    });
  });

  it('5.4: refuses a program with the parser words and the running kernel', () => {
    expect(buildMapOp('update', { ...form, prog: 'drop' }, { ...shape510, kernel: '5.4' })).toEqual({
      ok: false,
      message: 'An update with a program: entry programs need kernel 5.9 or later (kernel=5.10 or newer); this scenario runs kernel 5.4.',
    });
  });

  it('refuses a fraction outside 0 to 1', () => {
    expect(buildMapOp('update', { ...form, prog: 'redirect', fraction: '2' }, shape510)).toEqual({
      ok: false,
      message: 'Fraction must be a number from 0 to 1 such as 0.25 (got "2").',
    });
  });
});
