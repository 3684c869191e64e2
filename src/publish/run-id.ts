import { toShanghaiIso } from '../domain/time.ts';

/** `20190105T020000-4242`: Shanghai time then pid; sorts by start time and names the build folder. */
export function makeRunId(nowMs: number, pid = process.pid): string {
  return `${toShanghaiIso(nowMs).slice(0, 19).replace(/[-:]/g, '')}-${pid}`;
}
