/**
 * The kernel versions a scenario can name, in release order, and how to ask "does this version
 * have the change made in release X?". Every version-dependent behaviour is keyed on the release
 * that introduced it (see `src/engine/switches.ts`), never on a list of versions.
 */

/**
 * The versions of kernel/bpf/cpumap.c the engine models: the two 2019 reference versions (5.0 and
 * 5.2), then the kernels people run: the LTS releases 5.4 to 6.12 and the newest mainline read.
 */
export const KERNEL_VERSIONS = ['5.0', '5.2', '5.4', '5.10', '5.15', '6.1', '6.6', '6.12', '6.18'] as const;
export type KernelVersion = (typeof KERNEL_VERSIONS)[number];

/** A release as [major, minor] for comparing ("5.9" → [5, 9]). */
function releaseNumbers(release: string): [number, number] {
  const [major, minor] = release.split('.').map(Number);
  return [major, minor];
}

/** Whether `kernel` has the change merged in `release` (e.g. kernelAtLeast('5.10', '5.9') is true). */
export function kernelAtLeast(kernel: KernelVersion, release: string): boolean {
  const [km, kn] = releaseNumbers(kernel);
  const [rm, rn] = releaseNumbers(release);
  return km > rm || (km === rm && kn >= rn);
}

/** The modelled version before `kernel` (5.0's is 5.2, so a comparison always has a partner). */
export function previousKernel(kernel: KernelVersion): KernelVersion {
  const i = KERNEL_VERSIONS.indexOf(kernel);
  return i === 0 ? KERNEL_VERSIONS[1] : KERNEL_VERSIONS[i - 1];
}
