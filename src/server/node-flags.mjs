// Node flags of the server processes (`npm start`'s workers; bench/api.ts starts its server
// with them too). A 32 MB young generation: each request allocates a Request, a Response and
// their headers, and with the default 16 MB those survived into the old generation often enough
// that its collections showed as latency spikes (p99 at 500 requests/s).
export const SERVER_NODE_FLAGS = ['--max-semi-space-size=32'];
