// A one-line progress bar on a terminal; nothing at all when the output is piped.

export interface Progress {
  /** Print a finished line above the bar. */
  line(text: string): void;
  tick(label: string): void;
  done(): void;
}

export function createProgress(
  total: number,
  stream: NodeJS.WriteStream = process.stderr,
  out: NodeJS.WriteStream = process.stdout,
): Progress {
  const live = Boolean(stream.isTTY) && total > 1;
  let count = 0;
  let shown = false;
  const clear = () => {
    if (shown) stream.write('\r\x1b[2K');
    shown = false;
  };
  const draw = (label: string) => {
    if (!live) return;
    const width = 24;
    const filled = Math.round((count / total) * width);
    const columns = stream.columns || 80;
    const text = `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${count}/${total} ${label}`;
    stream.write(`\r\x1b[2K${text.slice(0, columns - 1)}`);
    shown = true;
  };
  return {
    line(text) {
      clear();
      out.write(`${text}\n`);
      draw('');
    },
    tick(label) {
      count++;
      draw(label);
    },
    done() {
      clear();
    },
  };
}
