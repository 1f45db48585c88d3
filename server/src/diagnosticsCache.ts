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
      !sameData(x.data, y.data)
    ) {
      return false;
    }
  }
  return true;
}

/**
 * Whether two diagnostics' data (JSON values: the rule and what its quick fix needs) are equal,
 * compared in place: turning both into JSON for every diagnostic on every keystroke made garbage.
 */
function sameData(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameData(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  let keys = 0;
  for (const key in x) {
    if (!Object.prototype.hasOwnProperty.call(y, key) || !sameData(x[key], y[key])) return false;
    keys++;
  }
  for (const key in y) if (Object.prototype.hasOwnProperty.call(y, key)) keys--;
  return keys === 0;
}
