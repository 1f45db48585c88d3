/**
 * How often a crashed language server is restarted: at most `maxRestarts` times within
 * `windowMs`; one more crash in that window and the client gives up and asks the user.
 */
export class RestartBudget {
  private restarts: number[] = [];

  constructor(
    readonly maxRestarts = 4,
    readonly windowMs = 3 * 60 * 1000,
    private readonly now: () => number = Date.now,
  ) {}

  /** Records a restart and returns true when one is still allowed; false when the budget is spent. */
  tryRestart(): boolean {
    const now = this.now();
    this.restarts = this.restarts.filter((time) => now - time < this.windowMs);
    if (this.restarts.length >= this.maxRestarts) return false;
    this.restarts.push(now);
    return true;
  }

  /** Forgets past restarts (after the user restarts the server by hand). */
  reset(): void {
    this.restarts = [];
  }
}
