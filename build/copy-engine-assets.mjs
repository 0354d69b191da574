// tsc compiles the engine's TypeScript; the files it reads at run time that are not code (the face
// detector's model, with its licence and provenance) are copied beside the output, so dist/ is
// complete on its own (the Windows door's tests and a packaged copy carry dist/, not src/).
import { cpSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const from = path.join(root, 'src', 'faces', 'yunet');
cpSync(from, path.join(root, 'dist', 'src', 'faces', 'yunet'), { recursive: true });
