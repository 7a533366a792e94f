import { describe, expect, it } from 'vitest';
import { buildMapOp, U32_MAX, type MapOpForm } from './build';

const form: MapOpForm = { key: '4', qsize: '192', flags: 'BPF_ANY', flagsValue: '' };

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
});
