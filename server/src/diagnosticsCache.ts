/**
 * The last diagnostics sent for each document. A keystroke that leaves the diagnostics as they
 * were (most keystrokes in a long document) is answered "unchanged" to a pull and sends nothing
 * on push: serialising thousands of unchanged diagnostics was most of the time of an edit.
 *
 * Each entry also says which version of the document it was made for. Diagnostics change only
 * with the text (a new version) or with the settings, folders or template, and each of those
 * empties the cache (`clear`). So a pull for the version already answered, from a client that
 * holds that answer, is "unchanged" without reading the document. That lets a document outside
 * the working set (documents.ts) drop its diagnostics here too (`release`): only the result id
 * and the version stay.
 */
import type { Diagnostic } from 'vscode-languageserver/node';

interface Sent {
  resultId: string;
  /** The document version they were made for. */
  version: number;
  /** Undefined once released: only a pull for the same version can be answered from the entry. */
  diagnostics: Diagnostic[] | undefined;
}

export class DiagnosticsCache {
  private readonly sent = new Map<string, Sent>();
  private counter = 0;

  /** For a pull, before the diagnostics are made: the result id the client already holds when they are still those of `version`. */
  unchanged(uri: string, version: number, previousResultId: string | undefined): string | undefined {
    const last = this.sent.get(uri);
    return last && last.version === version && previousResultId === last.resultId ? last.resultId : undefined;
  }

  /** For a pull: the result id to answer with, and whether the client's previous result still holds. */
  pulled(uri: string, version: number, diagnostics: Diagnostic[], previousResultId: string | undefined): { resultId: string; unchanged: boolean } {
    const last = this.sent.get(uri);
    if (last && stillHolds(last, version, diagnostics)) {
      this.sent.set(uri, { resultId: last.resultId, version, diagnostics });
      return { resultId: last.resultId, unchanged: previousResultId === last.resultId };
    }
    const resultId = String(++this.counter);
    this.sent.set(uri, { resultId, version, diagnostics });
    return { resultId, unchanged: false };
  }

  /** For a push: whether these diagnostics differ from the last ones pushed. */
  changed(uri: string, version: number, diagnostics: Diagnostic[]): boolean {
    const last = this.sent.get(uri);
    const same = last !== undefined && stillHolds(last, version, diagnostics);
    this.sent.set(uri, { resultId: same ? last.resultId : String(++this.counter), version, diagnostics });
    return !same;
  }

  /** Drops the diagnostics held for the document, keeping what answers a pull of the same version. */
  release(uri: string): void {
    const last = this.sent.get(uri);
    if (last) last.diagnostics = undefined;
  }

  forget(uri: string): void {
    this.sent.delete(uri);
  }

  clear(): void {
    this.sent.clear();
  }
}

/** Whether what was last sent equals these diagnostics: compared when they are held, else known to when they are of the same version. */
function stillHolds(last: Sent, version: number, diagnostics: readonly Diagnostic[]): boolean {
  return last.diagnostics ? sameDiagnostics(last.diagnostics, diagnostics) : last.version === version;
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
