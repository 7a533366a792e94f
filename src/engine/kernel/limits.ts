/** NR_CPUS of the modelled kernel configuration: the most CPUs a scenario may have. */
export const MAX_CPUS = 64;
