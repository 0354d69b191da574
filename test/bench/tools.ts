// Which outside programs this machine has (the bench says plainly when one is missing).
import { spawnSync } from 'node:child_process';

const known = new Map<string, boolean>();

export function has(command: string): boolean {
  let found = known.get(command);
  if (found === undefined) {
    found = spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
    known.set(command, found);
  }
  return found;
}
