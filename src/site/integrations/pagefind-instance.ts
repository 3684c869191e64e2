import * as pagefind from 'pagefind';

export type PagefindNodeApi = typeof pagefind;

/**
 * Pagefind's Node API for one search lane. The API keeps one Pagefind process per instance of
 * its module, so lane 0 uses the module as imported and every further lane the same file under
 * another URL (`?lane=N`), which Node loads as a module of its own with its own Pagefind process.
 * One Node process thus drives a Pagefind process per lane: a Node process per lane (start,
 * modules, heap) cost ≈ 0.7 CPU-s apiece on a quiet night of this project's 2-core machine.
 */
export async function pagefindInstance(lane: number): Promise<PagefindNodeApi> {
  if (lane === 0) return pagefind;
  return (await import(`${import.meta.resolve('pagefind')}?lane=${lane}`)) as PagefindNodeApi;
}
