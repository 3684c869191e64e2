import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// In a process of its own: the point is what that process's children inherit.
const MODULE = path.resolve(import.meta.dirname, '../../src/cli/huge-page-malloc.ts');

function childSees(tunables: string | undefined): { returned: string; child: string } {
  const script = `
    import { spawnSync } from 'node:child_process';
    const { shareHugePageMalloc } = await import(${JSON.stringify(MODULE)});
    const returned = shareHugePageMalloc();
    const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(process.env.GLIBC_TUNABLES ?? "<unset>")'], { encoding: 'utf8' });
    process.stdout.write(JSON.stringify({ returned, child: child.stdout }));
  `;
  const env = { ...process.env };
  if (tunables === undefined) delete env.GLIBC_TUNABLES;
  else env.GLIBC_TUNABLES = tunables;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', env });
  expect(r.stderr).toBe('');
  return JSON.parse(r.stdout) as { returned: string; child: string };
}

describe('shareHugePageMalloc (huge pages for the malloc of everything the nightly starts)', () => {
  it('hands glibc.malloc.hugetlb=1 to child processes when the deployer set nothing', () => {
    expect(childSees(undefined)).toEqual({ returned: 'glibc.malloc.hugetlb=1', child: 'glibc.malloc.hugetlb=1' });
  });

  it("leaves the deployer's tunables as they are, so hugetlb=0 turns it off", () => {
    expect(childSees('glibc.malloc.hugetlb=0')).toEqual({ returned: 'glibc.malloc.hugetlb=0', child: 'glibc.malloc.hugetlb=0' });
    const own = 'glibc.malloc.arena_max=2';
    expect(childSees(own).child).toBe(own);
  });
});
