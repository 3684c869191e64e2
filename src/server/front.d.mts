import type { IncomingMessage, ServerResponse } from 'node:http';
/** Types of front.mjs (plain JavaScript so that `npm start` needs no build step). */
export declare const SECURITY_HEADERS: Readonly<Record<string, string>>;
export declare function requestPath(target: string | undefined): string | null;
export declare function staticFile(clientDir: string, pathname: string): { file: string; size: number } | null;
export declare function rangeFit(header: string, size: number): 'ok' | 'ignore' | 'unsatisfiable';
export declare function refuseTunnel(req: IncomingMessage, socket: import('node:stream').Duplex): void;
export declare function refuseMalformed(err: (Error & { code?: string }) | undefined, socket: import('node:stream').Duplex): void;
export declare function createFront(opts: {
  clientDir: string;
  handler: (req: IncomingMessage, res: ServerResponse) => unknown;
  apiFront?: () => import('./api/fast-answer.ts').ApiFront | undefined;
  log?: (line: string) => void;
}): (req: IncomingMessage, res: ServerResponse) => Promise<void>;
