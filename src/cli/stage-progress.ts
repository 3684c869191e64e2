import fs from 'node:fs';
import path from 'node:path';

/**
 * The demo's quiet console (issue 16): every line of the run goes to a log file; the console
 * shows one line per stage with its time, and, on a terminal, a ticking counter while a long
 * stage runs. Stage boundaries are the nightly's own `── name` log lines.
 */
export interface StageProgress {
  log: (line: string) => void;
  /** Ends the last stage line; returns the log file's path. */
  finish: (ok: boolean) => string;
}

export function stageProgress(logFile: string, out: NodeJS.WriteStream = process.stderr): StageProgress {
  fs.mkdirSync(path.dirname(logFile), { recursive: true });
  const fd = fs.openSync(logFile, 'w');
  let stage: string | undefined;
  let started = 0;
  let lines = 0;
  let timer: NodeJS.Timeout | undefined;
  const tty = out.isTTY === true;
  const secs = () => ((Date.now() - started) / 1000).toFixed(1);
  const endStage = (ok: boolean) => {
    if (!stage) return;
    if (timer) clearInterval(timer);
    const line = `  ${ok ? '✓' : '✗'} ${stage.padEnd(8)} ${secs().padStart(6)} s${lines > 0 ? `  (${lines} log lines)` : ''}`;
    out.write(tty ? `\r\x1b[K${line}\n` : `${line}\n`);
    stage = undefined;
  };
  return {
    log(line) {
      fs.writeSync(fd, `${line}\n`);
      const m = /^── (\S+)/.exec(line);
      if (m) {
        endStage(true);
        stage = m[1];
        started = Date.now();
        lines = 0;
        if (tty) {
          out.write(`  … ${stage}`);
          timer = setInterval(() => out.write(`\r\x1b[K  … ${stage} ${secs()} s`), 1000);
          timer.unref();
        }
      } else if (stage) lines++;
    },
    finish(ok) {
      endStage(ok);
      fs.closeSync(fd);
      return logFile;
    },
  };
}
