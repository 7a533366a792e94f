/** The errno values map operations return, by name as the bpf syscall reports them. */
export const ERRNO = {
  EPERM: 1,
  ENOENT: 2,
  EBADF: 9,
  ENOMEM: 12,
  EBUSY: 16,
  EEXIST: 17,
  ENODEV: 19,
  EINVAL: 22,
  ENOSPC: 28,
  E2BIG: 7,
  EOVERFLOW: 75,
  /** xdp_do_generic_redirect_map before 5.15: a cpumap is not a type it handles. */
  EBADRQC: 56,
} as const;

export type ErrnoName = keyof typeof ERRNO;

/** A syscall result: "0" or a negative errno name such as "-E2BIG". */
export type OpResultCode = '0' | `-${ErrnoName}`;

export function errno(name: ErrnoName): OpResultCode {
  return `-${name}`;
}
