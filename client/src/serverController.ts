/**
 * Owns the language client: starts it, hands it out once it runs, and replaces it with a new
 * one on Restart Server, whatever state the old one is in (running, starting, failed to start).
 */
import type { LanguageClient } from 'vscode-languageclient/node';

interface Launch {
  client: LanguageClient;
  /** Resolves true when the client runs, false when its start failed (never rejects). */
  started: Promise<boolean>;
}

/** How long Restart Server lets a starting client finish before ending it. */
const startGraceMs = 3000;

export class ServerController {
  private current: Launch | undefined;
  private restarting: Promise<void> | undefined;
  private disposed = false;
  private readonly startListeners = new Set<() => void>();

  /** `createClient` gets a test telling whether the client it makes is still the current one. */
  constructor(
    private readonly createClient: (isCurrent: () => boolean) => LanguageClient,
    private readonly log: (message: string) => void,
  ) {}

  /** Calls `listener` each time a client has started (at first, and after each restart). */
  onDidStart(listener: () => void): { dispose(): void } {
    this.startListeners.add(listener);
    return { dispose: () => this.startListeners.delete(listener) };
  }

  /** Starts the client unless one is running or starting. */
  start(): Promise<boolean> {
    if (this.disposed) return Promise.resolve(false);
    this.current ??= this.launch();
    return this.current.started;
  }

  /** The running client, starting it if needed; throws when the server cannot be started. */
  async runningClient(): Promise<LanguageClient> {
    if (this.restarting) await this.restarting;
    const launch = (this.current ??= this.launch());
    if (!(await launch.started) || !launch.client.isRunning()) {
      throw new Error('The Post-Mortem language server is not running. Run "Post-Mortem: Restart Language Server", or see the "Post-Mortem Authoring" output.');
    }
    return launch.client;
  }

  /** Stops the current client, whatever its state, and starts a new one. */
  restart(): Promise<void> {
    this.restarting ??= (async () => {
      try {
        const old = this.current;
        this.current = undefined;
        if (old) await this.retire(old);
        await this.start();
      } finally {
        this.restarting = undefined;
      }
    })();
    return this.restarting;
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    const old = this.current;
    this.current = undefined;
    if (old) await this.retire(old);
  }

  private launch(): Launch {
    const launch = {} as Launch;
    launch.client = this.createClient(() => this.current === launch);
    launch.started = launch.client.start().then(
      () => {
        for (const listener of this.startListeners) listener();
        return true;
      },
      (error: unknown) => {
        this.log(`The language server did not start: ${(error as Error)?.message ?? error}`);
        return false;
      },
    );
    return launch;
  }

  /**
   * Stops a client for good. A client still starting gets a moment to finish, so its server
   * process exists and is ended with it; `stop()` then refuses a client that is not running
   * (stuck starting, or failed to start) but still ends its server process, which is what
   * matters here.
   */
  private async retire({ client, started }: Launch): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([started, new Promise((resolve) => (timer = setTimeout(resolve, startGraceMs)))]);
    clearTimeout(timer);
    try {
      await client.dispose(2000);
    } catch (error) {
      this.log(`Stopping the language server: ${(error as Error)?.message ?? error}`);
    }
  }
}
