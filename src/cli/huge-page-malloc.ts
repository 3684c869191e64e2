/**
 * Asks glibc's malloc, in every process this one starts, to back its heap with transparent huge
 * pages (`GLIBC_TUNABLES=glibc.malloc.hugetlb=1`). A quiet night at 20k orders took ≈ 450k page
 * faults at ≈ 15 µs each on our 2-core machine, a third of them in malloc'd memory touched for the
 * first time (Astro, Vite and Rolldown, Pagefind, SQLite); with the tunable for the whole process
 * tree it took ≈ 380k and ≈ 2 CPU-seconds less (five alternating pairs,
 * docs/benchmarks-history.md). The dynamic loader reads the variable when a process starts, so
 * it reaches the children, not the process that sets it: set here, ≈ 400k.
 *
 * Harmless where it does nothing: the kernel's transparent huge pages off, or a C library other
 * than glibc. A GLIBC_TUNABLES set by the deployer is left as it is, so
 * `GLIBC_TUNABLES=glibc.malloc.hugetlb=0` turns this off.
 */
export function shareHugePageMalloc(): string {
  process.env.GLIBC_TUNABLES ??= 'glibc.malloc.hugetlb=1';
  return process.env.GLIBC_TUNABLES;
}
