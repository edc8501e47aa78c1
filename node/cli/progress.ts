/** A progress line on stderr: rewritten in place on a terminal, one line per step otherwise. */
export function progress(label: string): {
  update(done: number, total: number): void;
  end(): void;
} {
  const tty = process.stderr.isTTY;
  return {
    update(done, total) {
      const percent = total === 0 ? 100 : Math.floor((done * 100) / total);
      const line = `${label}: ${done}/${total} (${percent}%)`;
      process.stderr.write(tty ? `\r${line}` : `${line}\n`);
    },
    end() {
      if (tty) process.stderr.write('\n');
    },
  };
}
