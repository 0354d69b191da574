// Entry of the engine host process. In the app it is an Electron utility process (messages on
// process.parentPort); it also runs as a plain Node child process (process.send), which is how the
// tests drive it. Each request is answered on its own, so a preview need not wait for an analysis.
import { answer, type EngineReply, type EngineRequest } from './engine-protocol.js';
import { localEngine } from './engine-service.js';

// A stray rejection must not take the host down with the photos in flight; it is reported instead.
process.on('unhandledRejection', (reason) => {
  console.error('engine host: unhandled rejection:', reason);
});

const parentPort = process.parentPort;
if (parentPort) {
  parentPort.on('message', (e: { data: EngineRequest }) => {
    void answer(localEngine, e.data).then((reply: EngineReply) => parentPort.postMessage(reply));
  });
} else if (process.send) {
  process.on('message', (request: EngineRequest) => {
    void answer(localEngine, request).then((reply) => process.send?.(reply));
  });
  process.on('disconnect', () => process.exit(0));
} else {
  console.error('engine host: started without a parent to talk to');
  process.exit(1);
}
