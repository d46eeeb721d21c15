// A stand-in OTLP/HTTP collector for measuring tracing's cost: accepts every export, keeps nothing,
// prints how many requests and bytes it took. `node bench/otlp-sink.ts` (port OTLP_SINK_PORT, 4318).
import { createServer } from 'node:http';

let requests = 0;
let bytes = 0;
const server = createServer((req, res) => {
  req.on('data', (chunk: Buffer) => (bytes += chunk.length));
  req.on('end', () => {
    requests++;
    res.writeHead(200, { 'content-type': 'application/x-protobuf' }).end();
  });
});
server.listen(Number(process.env.OTLP_SINK_PORT ?? 4318), '127.0.0.1');
const report = () => console.log(`otlp sink: ${requests} exports, ${(bytes / 1024).toFixed(0)} KiB`);
process.on('SIGTERM', () => {
  report();
  process.exit(0);
});
