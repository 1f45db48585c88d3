/**
 * What the client does when the server's connection errs or closes: restart a crashed server
 * (within the restart budget), then stop and let the user decide.
 */
import { CloseAction, ErrorAction, type ErrorHandler } from 'vscode-languageclient/node';
import type { RestartBudget } from './restartBudget';

export interface ErrorHandlerOptions {
  budget: RestartBudget;
  /** False once the client was replaced (Restart Server): its closing is expected, not a crash. */
  isCurrent: () => boolean;
  /** Called when the server is restarted after a crash. */
  onRestart?: () => void;
  /** Called once the budget is spent; tells the user. */
  onGiveUp: (restarts: number, windowMs: number) => void;
}

export function createErrorHandler({ budget, isCurrent, onRestart, onGiveUp }: ErrorHandlerOptions): ErrorHandler {
  return {
    error: (_error, _message, count) =>
      // A few bad messages in a row can be noise; more mean the connection is broken.
      count !== undefined && count <= 3 ? { action: ErrorAction.Continue } : { action: ErrorAction.Shutdown },
    closed: () => {
      if (!isCurrent()) return { action: CloseAction.DoNotRestart, handled: true };
      if (budget.tryRestart()) {
        onRestart?.();
        return { action: CloseAction.Restart, message: 'The Post-Mortem language server stopped unexpectedly and is being restarted.', handled: true };
      }
      onGiveUp(budget.maxRestarts, budget.windowMs);
      return {
        action: CloseAction.DoNotRestart,
        message: `The Post-Mortem language server stopped ${budget.maxRestarts + 1} times within ${budget.windowMs / 60000} minutes and will not be restarted.`,
        handled: true,
      };
    },
  };
}
