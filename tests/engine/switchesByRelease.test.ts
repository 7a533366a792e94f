import { describe, expect, it } from 'vitest';
import { releaseOf, switchesFor } from '../../src/engine/switches';
import { KERNEL_VERSIONS, kernelAtLeast } from '../../src/scenario/kernels';

describe('kernel behaviours by release', () => {
  it('each version has exactly the behaviours of its release and the ones before', () => {
    const behaviours = ['flushList', 'simpleCleanup', 'consumeUnlocked', 'listReceive', 'rcuWorkTeardown', 'kthreadGro'] as const;
    for (const kernel of KERNEL_VERSIONS) {
      const sw = switchesFor({ kernel, opt: null });
      for (const b of behaviours) expect(sw[b], `${kernel} ${b}`).toBe(kernelAtLeast(kernel, releaseOf(b)));
    }
  });

  it('5.4 has the flush list but not 5.6 cleanup; 6.6 tears down by rcu_work but has no GRO', () => {
    expect(switchesFor({ kernel: '5.4', opt: null })).toMatchObject({ flushList: true, simpleCleanup: false });
    expect(switchesFor({ kernel: '6.6', opt: null })).toMatchObject({
      rcuWorkTeardown: true,
      kthreadGro: false,
      tracepointBeforeReceive: false,
    });
    expect(switchesFor({ kernel: '6.18', opt: null })).toMatchObject({ kthreadGro: true, tracepointBeforeReceive: true });
  });
});
