// Loaded with --import into a CLI run: on exit, writes the process's peak resident memory (KB, worker
// threads included: they share the process) to MAX_RSS_FILE, so a test can tell a refusal allocated nothing big.
import { writeFileSync } from 'node:fs';

const file = process.env.MAX_RSS_FILE;
if (file) process.on('exit', () => writeFileSync(file, String(process.resourceUsage().maxRSS)));
