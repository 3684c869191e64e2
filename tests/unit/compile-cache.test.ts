import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// Each case runs in a process of its own: enabling the cache and setting NODE_COMPILE_CACHE are
// process-wide, and the point is what that process's children inherit.
const MODULE = path.resolve(import.meta.dirname, '../../src/cli/compile-cache.ts');

function run(root: string, env: Record<string, string | undefined>): { dir: string | null; child: string; files: number } {
  const script = `
    import { spawnSync } from 'node:child_process';
    import fs from 'node:fs';
    import path from 'node:path';
    const { shareCompileCache } = await import(${JSON.stringify(MODULE)});
    const dir = shareCompileCache(${JSON.stringify(root)});
    // A child loads a TypeScript module, as the nightly's build and search lanes do.
    const ts = path.join(${JSON.stringify(root)}, 'm.ts');
    fs.writeFileSync(ts, 'const n: number = 1; export default n;');
    const child = spawnSync(process.execPath, ['--input-type=module', '-e', 'await import(' + JSON.stringify(ts) + '); process.stdout.write(process.env.NODE_COMPILE_CACHE ?? "")'], { encoding: 'utf8' });
    const files = dir && fs.existsSync(dir) ? fs.readdirSync(dir, { recursive: true }).length : 0;
    process.stdout.write(JSON.stringify({ dir, child: child.stdout, files }));
  `;
  const clean = Object.fromEntries(Object.entries({ ...process.env, ...env }).filter(([, v]) => v !== undefined)) as Record<string, string>;
  if (!('NODE_COMPILE_CACHE' in env)) delete clean.NODE_COMPILE_CACHE;
  if (!('NODE_DISABLE_COMPILE_CACHE' in env)) delete clean.NODE_DISABLE_COMPILE_CACHE;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', env: clean });
  expect(r.stderr).toBe('');
  return JSON.parse(r.stdout) as { dir: string | null; child: string; files: number };
}

describe('shareCompileCache (one compile cache for the nightly and everything it starts)', () => {
  it('uses .cache/node-compile-cache of the project and hands it to child processes, which fill it', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'compile-cache-'));
    const r = run(root, {});
    const expected = path.join(root, '.cache', 'node-compile-cache');
    expect(r.dir).toBe(expected);
    expect(r.child).toBe(expected);
    expect(r.files).toBeGreaterThan(0);
  });

  it('keeps a folder the deployer chose', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'compile-cache-'));
    const chosen = path.join(root, 'elsewhere');
    const r = run(root, { NODE_COMPILE_CACHE: chosen });
    expect(r.dir).toBe(chosen);
    expect(r.child).toBe(chosen);
    expect(fs.existsSync(path.join(root, '.cache'))).toBe(false);
  });

  it("does nothing when Node's own switch turns the cache off", () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'compile-cache-'));
    const r = run(root, { NODE_DISABLE_COMPILE_CACHE: '1' });
    expect(r.dir).toBeNull();
    expect(r.child).toBe('');
    expect(fs.existsSync(path.join(root, '.cache'))).toBe(false);
  });
});
