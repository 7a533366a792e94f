import { describe, expect, it } from 'vitest';
import { KERNEL_VERSIONS, kernelAtLeast, previousKernel } from './kernels';

describe('kernel versions', () => {
  it('lists the versions in release order, so "since" comparisons and the form agree', () => {
    for (let i = 1; i < KERNEL_VERSIONS.length; i++) {
      const [earlier, later] = [KERNEL_VERSIONS[i - 1], KERNEL_VERSIONS[i]];
      expect(kernelAtLeast(later, earlier), `${later} after ${earlier}`).toBe(true);
      expect(kernelAtLeast(earlier, later), `${earlier} before ${later}`).toBe(false);
    }
  });

  it('compares by number, not by text (5.10 comes after 5.9, 6.12 after 6.6)', () => {
    expect(kernelAtLeast('5.10', '5.9')).toBe(true);
    expect(kernelAtLeast('5.4', '5.9')).toBe(false);
    expect(kernelAtLeast('6.12', '6.6')).toBe(true);
    expect(kernelAtLeast('6.6', '6.12')).toBe(false);
    expect(kernelAtLeast('6.1', '5.15')).toBe(true);
    expect(kernelAtLeast('5.15', '5.15')).toBe(true);
  });

  it('names the version before each one, and 5.2 for 5.0', () => {
    expect(previousKernel('5.0')).toBe('5.2');
    expect(previousKernel('5.2')).toBe('5.0');
    expect(previousKernel('5.15')).toBe('5.10');
    expect(previousKernel('6.18')).toBe('6.12');
  });
});
