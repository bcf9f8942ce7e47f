// A progress bar on stderr when it is a terminal; a few plain lines otherwise (logs, CI).

export class ProgressBar {
  private lastLine = 0;
  private readonly tty = Boolean(process.stderr.isTTY);

  constructor(private readonly label: string, private readonly total: number) {}

  update(done: number): void {
    const width = 30;
    const filled = this.total ? Math.round((done / this.total) * width) : width;
    if (this.tty) {
      process.stderr.write(`\r${this.label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${this.total}`);
    } else if (done === this.total || Date.now() - this.lastLine > 2000) {
      this.lastLine = Date.now();
      process.stderr.write(`${this.label}: ${done}/${this.total}\n`);
    }
  }

  done(): void {
    if (this.tty) process.stderr.write('\n');
  }
}
