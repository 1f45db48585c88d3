/**
 * The last diagnostics sent for each document. A keystroke that leaves the diagnostics as they
 * were (most keystrokes in a long document) is answered "unchanged" to a pull and sends nothing
 * on push: serialising thousands of unchanged diagnostics was most of the time of an edit.
 */
import type { Diagnostic } from 'vscode-languageserver/node';

interface Sent {
  resultId: string;
  diagnostics: Diagnostic[];
}

export class DiagnosticsCache {
  private readonly sent = new Map<string, Sent>();
  private counter = 0;

  /** For a pull: the result id to answer with, and whether the client's previous result still holds. */
  pulled(uri: string, diagnostics: Diagnostic[], previousResultId: string | undefined): { resultId: string; unchanged: boolean } {
    const last = this.sent.get(uri);
    if (last && sameDiagnostics(last.diagnostics, diagnostics)) {
      return { resultId: last.resultId, unchanged: previousResultId === last.resultId };
    }
    const resultId = String(++this.counter);
    this.sent.set(uri, { resultId, diagnostics });
    return { resultId, unchanged: false };
  }

  /** For a push: whether these diagnostics differ from the last ones pushed. */
  changed(uri: string, diagnostics: Diagnostic[]): boolean {
    const last = this.sent.get(uri);
    if (last && sameDiagnostics(last.diagnostics, diagnostics)) return false;
    this.sent.set(uri, { resultId: String(++this.counter), diagnostics });
    return true;
  }

  forget(uri: string): void {
    this.sent.delete(uri);
  }

  clear(): void {
    this.sent.clear();
  }
}

export function sameDiagnostics(a: readonly Diagnostic[], b: readonly Diagnostic[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    const y = b[i];
    if (
      x.range.start.line !== y.range.start.line ||
      x.range.start.character !== y.range.start.character ||
      x.range.end.line !== y.range.end.line ||
      x.range.end.character !== y.range.end.character ||
      x.severity !== y.severity ||
      x.code !== y.code ||
      x.message !== y.message ||
      x.codeDescription?.href !== y.codeDescription?.href ||
      (x.data !== undefined || y.data !== undefined ? JSON.stringify(x.data) !== JSON.stringify(y.data) : false)
    ) {
      return false;
    }
  }
  return true;
}
