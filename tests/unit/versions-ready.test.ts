import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { markVersionsReady, versionsReady, versionsWaitSeconds, waitForVersions } from '../../src/publish/versions-ready.ts';

describe('waitForVersions (the build waiting for the nightly versions step)', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'versions-ready-'));

  it('does not wait when no file is named (a build run by hand)', () => {
    const t = performance.now();
    waitForVersions('', 10);
    expect(performance.now() - t).toBeLessThan(5);
  });

  it('returns once another process marks the versions ready, not before', () => {
    const file = path.join(dir, 'a.versions-ready');
    // Another process: the wait blocks this thread, as it does the build's.
    const child = spawn(process.execPath, ['-e', `setTimeout(() => require('node:fs').writeFileSync(${JSON.stringify(file)}, 'ready'), 300)`]);
    const t = performance.now();
    waitForVersions(file, 20_000);
    expect(fs.existsSync(file)).toBe(true);
    expect(performance.now() - t).toBeGreaterThan(100);
    child.kill();
  });

  it('fails naming the setting when they never come', () => {
    expect(() => waitForVersions(path.join(dir, 'never'), 50)).toThrow(/SUNSHINE_VERSIONS_READY=.*never/);
  });

  it('markVersionsReady makes the file the wait looks for', () => {
    const file = path.join(dir, 'b.versions-ready');
    markVersionsReady(file);
    const t = performance.now();
    waitForVersions(file, 50);
    expect(performance.now() - t).toBeLessThan(20);
  });
});

describe('versionsWaitSeconds', () => {
  it('adds up the waits of this thread, whichever copy of the module waited', async () => {
    // A second instance of the module, as Astro's bundle of the pages holds.
    vi.resetModules();
    const copy = await import('../../src/publish/versions-ready.ts');
    expect(copy.waitForVersions).not.toBe(waitForVersions);
    const before = versionsWaitSeconds();
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'versions-wait-')), 'ready');
    const child = spawn(process.execPath, ['-e', `setTimeout(() => require('node:fs').writeFileSync(${JSON.stringify(file)}, 'ready'), 200)`]);
    copy.waitForVersions(file, 20_000);
    child.kill();
    expect(versionsWaitSeconds() - before).toBeGreaterThan(0.05);
    expect(copy.versionsWaitSeconds()).toBe(versionsWaitSeconds());
  });

  it('versionsReady waits without blocking the thread, and fails the same way', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'versions-ready-async-'));
    const file = path.join(dir, 'c.versions-ready');
    let ticks = 0;
    const timer = setInterval(() => ticks++, 5);
    setTimeout(() => markVersionsReady(file), 150);
    await versionsReady(file, 20_000);
    clearInterval(timer);
    expect(ticks).toBeGreaterThan(5); // the thread ran other work meanwhile
    await expect(versionsReady(path.join(dir, 'never-async'), 50)).rejects.toThrow(/SUNSHINE_VERSIONS_READY=.*never-async/);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
