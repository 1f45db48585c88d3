/** Runs handlers so that a throw is logged and answered with an LSP error, never fatal. */
import { ErrorCodes, LSPErrorCodes, ResponseError, type CancellationToken } from 'vscode-languageserver/node';

export function guarded<P, R>(name: string, logError: (message: string) => void, handler: (params: P, token: CancellationToken) => R | Promise<R>) {
  return async (params: P, token: CancellationToken): Promise<R> => {
    try {
      // A request the client no longer wants (an older version's) is answered at no cost.
      if (token?.isCancellationRequested) throw new ResponseError(LSPErrorCodes.RequestCancelled, `${name} cancelled`);
      return await handler(params, token);
    } catch (error) {
      if (error instanceof ResponseError) throw error;
      logError(`${name} failed: ${(error as Error)?.stack ?? error}`);
      throw new ResponseError(ErrorCodes.InternalError, `${name} failed: ${(error as Error)?.message ?? error}`);
    }
  };
}
