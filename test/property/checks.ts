/**
 * The checks behind the service properties (service.property.test.ts), as plain functions of
 * generated inputs that throw an AssertionError when a property does not hold, so a failing case
 * can be replayed and minimised outside the test runner (see minimize.ts).
 */
import assert from 'node:assert/strict';
import type { CodeAction, CompletionItem, Diagnostic, Position, Range, TextEdit } from 'vscode-languageserver-types';
import * as serviceModule from '../../server/src/service';
import type { Analysis } from '../../server/src/service';
import { maskCommentsAndCode } from '../../server/src/service/text/markdownText';
import { applyEdits, editsOf, service } from '../support/service';
import { resolvePosition, safeIndex, splitLspLines, type EditSeed } from './arbitraries';

export const uri = 'file:///generated/pm.md';
export const version = 3;
export const now = new Date('2026-11-28T09:41:00Z');
export const levels = ['off', 'hint', 'information', 'warning', 'error'] as const;
export const ruleIds = serviceModule.rules.map((r) => r.id);

// ---------------------------------------------------------------------------------------------
// Checks

const isHigh = (c: number) => c >= 0xd800 && c <= 0xdbff;
const isLow = (c: number) => c >= 0xdc00 && c <= 0xdfff;

/** Offsets where each line starts, for the last few texts (positions are checked by the hundred per text). */
const startsCache = new Map<string, number[]>();
function lineStartsOf(text: string): number[] {
  let starts = startsCache.get(text);
  if (!starts) {
    starts = [0];
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 13 && text.charCodeAt(i + 1) === 10) starts.push(++i + 1);
      else if (c === 10 || c === 13) starts.push(i + 1);
    }
    if (startsCache.size > 8) startsCache.clear();
    startsCache.set(text, starts);
  }
  return starts;
}

/** Offset of a (checked) position in the text. */
function offsetAt(text: string, p: Position): number {
  return lineStartsOf(text)[p.line] + p.character;
}

function checkPosition(text: string, lines: readonly string[], p: Position, what: string): void {
  // Messages are built only on failure: these run for every range of every answer.
  const fail = (problem: string) => assert.fail(`${what}: position ${JSON.stringify(p)} ${problem}`);
  if (!Number.isInteger(p.line) || !Number.isInteger(p.character)) fail('is not integral');
  if (p.line < 0 || p.line >= lines.length) fail(`is outside lines 0..${lines.length - 1}`);
  const line = lines[p.line];
  const c = p.character;
  if (c < 0 || c > line.length) fail(`is outside characters 0..${line.length} of its line`);
  if (c > 0 && c < line.length && isHigh(line.charCodeAt(c - 1)) && isLow(line.charCodeAt(c))) fail('splits a surrogate pair');
  const offset = offsetAt(text, p);
  if (text.charCodeAt(offset - 1) === 13 && text.charCodeAt(offset) === 10) fail('splits a \\r\\n');
}

function checkRange(text: string, lines: readonly string[], r: Range, what: string): void {
  checkPosition(text, lines, r.start, `${what} start`);
  checkPosition(text, lines, r.end, `${what} end`);
  const ordered = r.start.line < r.end.line || (r.start.line === r.end.line && r.start.character <= r.end.character);
  if (!ordered) assert.fail(`${what}: range ${JSON.stringify(r)} ends before it starts`);
}

const breakCount = (s: string) => (s.match(/\r\n|\r|\n/g) ?? []).length;

const loneSurrogate = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const hasLoneSurrogate = (s: string) => loneSurrogate.test(s);

/**
 * Edits fit the document, apply without overlapping, and change the line count by exactly the
 * line breaks they remove and add (so none joins a \r and a \n into one break, or splits one).
 */
function applyChecked(text: string, lines: readonly string[], edits: readonly TextEdit[], what: string): string {
  for (const e of edits) {
    checkRange(text, lines, e.range, `${what} edit`);
    if (typeof e.newText !== 'string') assert.fail(`${what}: newText is not a string`);
  }
  let result: string;
  try {
    result = applyEdits(text, edits);
  } catch (error) {
    assert.fail(`${what}: ${(error as Error).message}: ${JSON.stringify(edits)}`);
  }
  const expectedLines = lines.length + edits.reduce((n, e) => n + breakCount(e.newText) - (e.range.end.line - e.range.start.line), 0);
  const resultLines = lineStartsOf(result).length;
  if (resultLines !== expectedLines) assert.fail(`${what}: the edit joins or splits a line break: ${resultLines} lines, expected ${expectedLines} (${JSON.stringify(edits)})`);
  if (hasLoneSurrogate(result) && !hasLoneSurrogate(text)) assert.fail(`${what}: the edit leaves half a surrogate pair`);
  return result;
}

function diagnosticsOf(analysis: Analysis, options?: Parameters<typeof service.diagnostics>[1]): Diagnostic[] {
  return service.diagnostics(analysis, options);
}

function codeActionsFor(analysis: Analysis, range: Range, diagnostics: readonly Diagnostic[], extra: { only?: string[]; cursorCommand?: string } = {}): CodeAction[] {
  return service.codeActions({ analysis, uri, version, range, diagnostics, now, ...extra });
}

const lineRange = (line: number): Range => ({ start: { line, character: 0 }, end: { line, character: 0 } });
const onLine = (diagnostics: readonly Diagnostic[], line: number) => diagnostics.filter((d) => d.range.start.line <= line && d.range.end.line >= line);
const wholeRange = (lines: readonly string[]): Range => ({ start: { line: 0, character: 0 }, end: { line: lines.length - 1, character: lines[lines.length - 1].length } });

/** Every code action for a document: whole-document, per-line (random lines), fix-all and by kind. */
function allCodeActions(analysis: Analysis, lines: readonly string[], diagnostics: readonly Diagnostic[], lineSeeds: readonly number[]): CodeAction[] {
  const actions = codeActionsFor(analysis, wholeRange(lines), diagnostics);
  for (const seed of lineSeeds) {
    const line = seed % lines.length;
    actions.push(...codeActionsFor(analysis, lineRange(line), onLine(diagnostics, line), { cursorCommand: seed % 2 ? 'test.setCursor' : undefined }));
    actions.push(...codeActionsFor(analysis, lineRange(line), [], { only: ['refactor'] }));
  }
  actions.push(...codeActionsFor(analysis, lineRange(0), diagnostics, { only: ['source.fixAll'] }));
  actions.push(...codeActionsFor(analysis, lineRange(0), diagnostics, { only: ['quickfix'] }));
  return actions;
}

/** Lines where completion has something to say: field lines and table rows. */
function interestingLines(lines: readonly string[]): number[] {
  const found: number[] = [];
  for (let i = 0; i < lines.length; i++) if (/\*\*[^*]+\*\*\s*:|^\s*\||:\s/.test(lines[i])) found.push(i);
  return found;
}

function completionPositions(lines: readonly string[], seeds: readonly { line: number; character: number }[]): Position[] {
  const targets = interestingLines(lines);
  return seeds.map((seed, k) => {
    if (k % 2 === 0 && targets.length) {
      const line = targets[seed.line % targets.length];
      return { line, character: safeIndex(lines[line], seed.character) };
    }
    return resolvePosition(lines, seed);
  });
}

const countBy = (diagnostics: readonly Diagnostic[], filter: (d: Diagnostic) => boolean) => {
  const counts = new Map<string, number>();
  for (const d of diagnostics) if (filter(d)) counts.set(String(d.code), (counts.get(String(d.code)) ?? 0) + 1);
  return counts;
};

// ---------------------------------------------------------------------------------------------
// The incremental adapter

export interface ContentChange {
  range?: Range;
  text: string;
}

/**
 * The analysis of a document after a sequence of LSP content changes (each relative to the text
 * the previous ones left), analysed after every change as the server does while the author types:
 * the text is kept in a service session, so each analysis reuses the per-line work of
 * the one before. Each analysis is taken to its diagnostics, as the server does, so the parts
 * read lazily (timeline rows, field values) leave their per-line memos for the next one too.
 * This is the one place to change when the incremental API changes.
 */
export function analyzeAfterEdits(initialText: string, edits: readonly ContentChange[]): Analysis {
  const session = service.open(initialText);
  session.diagnostics(session.analysis());
  for (const change of edits) {
    session.apply([change]);
    session.diagnostics(session.analysis());
  }
  return session.analysis();
}

/** The reference: a content change applied to a plain string. */
export function applyContentChange(text: string, change: ContentChange): string {
  if (!change.range) return change.text;
  const start = offsetAt(text, change.range.start);
  const end = offsetAt(text, change.range.end);
  return text.slice(0, start) + change.text + text.slice(end);
}

/** Concrete content changes from seeds, each resolved against the text the previous ones left. */
function resolveEdits(initial: string, seeds: readonly EditSeed[]): { edits: ContentChange[]; final: string } {
  let text = initial;
  const edits: ContentChange[] = [];
  for (const seed of seeds) {
    let change: ContentChange;
    if (seed.whole) change = { text: seed.text };
    else {
      const lines = splitLspLines(text);
      const start = resolvePosition(lines, seed.start);
      const endLine = Math.min(lines.length - 1, start.line + seed.lineSpan);
      let end = { line: endLine, character: safeIndex(lines[endLine], seed.endCharacter) };
      if (end.line === start.line && end.character < start.character) end = start;
      change = { range: { start, end }, text: seed.text };
    }
    edits.push(change);
    text = applyContentChange(text, change);
  }
  return { edits, final: text };
}

// ---------------------------------------------------------------------------------------------
// The properties, one function each

type Levels = Partial<Record<string, (typeof levels)[number]>>;
type PositionSeed = { line: number; character: number };

/** Nothing throws; every diagnostic, completion edit and code-action edit fits the document and applies cleanly. */
export function checkRangesAndEdits(text: string, positionSeeds: readonly PositionSeed[], lineSeeds: readonly number[], ruleLevels: Levels): void {
  const lines = splitLspLines(text);
  const analysis = service.analyze(text);
  const diagnostics = diagnosticsOf(analysis);
  for (const d of [...diagnostics, ...diagnosticsOf(analysis, { levels: ruleLevels, docsBaseUri: 'file:///docs/' })]) {
    checkRange(text, lines, d.range, `diagnostic ${d.code}`);
    if (typeof d.message !== 'string' || d.message.length === 0) assert.fail(`a diagnostic ${d.code} without a message`);
  }
  const given = new Set(diagnostics.map((d) => JSON.stringify(d)));
  for (const position of completionPositions(lines, positionSeeds)) {
    const list = service.completions(analysis, position, now);
    for (const item of list?.items ?? []) {
      const edit = item.textEdit as TextEdit | undefined;
      if (!edit) continue;
      checkRange(text, lines, edit.range, `completion '${item.label}'`);
      if (edit.range.start.line !== position.line || edit.range.end.line !== position.line) assert.fail(`completion '${item.label}' edits another line than the cursor's`);
      if (edit.range.start.character > position.character || position.character > edit.range.end.character) {
        assert.fail(`completion '${item.label}' range ${JSON.stringify(edit.range)} does not hold the cursor ${JSON.stringify(position)}`);
      }
      applyChecked(text, lines, [edit], `completion '${item.label}'`);
    }
  }
  for (const action of allCodeActions(analysis, lines, diagnostics, lineSeeds)) {
    const change = action.edit?.documentChanges?.[0];
    if (change && 'textDocument' in change) {
      assert.equal(change.textDocument.uri, uri);
      assert.equal(change.textDocument.version, version);
    }
    for (const d of action.diagnostics ?? []) {
      if (!given.has(JSON.stringify(d))) assert.fail(`action '${action.title}' lists a diagnostic it was not given: ${JSON.stringify(d)}`);
    }
    const result = applyChecked(text, lines, editsOf(action.edit, uri), `code action '${action.title}'`);
    const target = action.command?.arguments?.[0] as { line: number; character: number } | undefined;
    if (target) checkPosition(result, splitLspLines(result), target, `cursor after '${action.title}'`);
  }
  // The incident's numbers: hints, the lens and the fill edits.
  const whole = { start: { line: 0, character: 0 }, end: { line: lines.length, character: 0 } };
  for (const hint of service.inlayHints(analysis, whole)) checkPosition(text, lines, hint.position, `inlay hint '${hint.label}'`);
  const lens = service.metricsLens(analysis);
  if (lens) checkRange(text, lines, lens.range, `metrics lens '${lens.title}'`);
  applyChecked(text, lines, service.fillMetrics(analysis), 'fill metrics');
}

/** The quick fixes offered (those that list diagnostics); `pickSeeds` choose which to apply. */
export function quickFixesOf(text: string, lineSeeds: readonly number[]): CodeAction[] {
  const analysis = service.analyze(text);
  return allCodeActions(analysis, splitLspLines(text), diagnosticsOf(analysis), lineSeeds).filter((a) => a.kind === 'quickfix' && a.diagnostics?.length);
}

/** Applying a quick fix removes the diagnostics it lists and adds no error. */
export function checkQuickFix(text: string, fix: CodeAction): void {
  const lines = splitLspLines(text);
  const diagnostics = diagnosticsOf(service.analyze(text));
  const errorsBefore = countBy(diagnostics, (d) => d.severity === 1);
  const edits = editsOf(fix.edit, uri);
  const fixed = applyChecked(text, lines, edits, `quick fix '${fix.title}'`);
  const after = diagnosticsOf(service.analyze(fixed));
  const moved = splitLspLines(fixed).length !== lines.length || edits.some((e) => e.range.start.line !== e.range.end.line || breakCount(e.newText) > 0);
  for (const d of fix.diagnostics ?? []) {
    if (!moved) {
      const still = after.filter((a) => a.code === d.code && a.range.start.line === d.range.start.line);
      assert.deepEqual(still.map((a) => a.message), [], `'${fix.title}' leaves ${d.code} on line ${d.range.start.line} ('${d.message}')`);
    } else {
      const before = diagnostics.filter((x) => x.code === d.code).length;
      const left = after.filter((x) => x.code === d.code).length;
      assert.ok(left < before, `'${fix.title}' (moving lines) does not reduce ${d.code}: ${before} before, ${left} after ('${d.message}')`);
    }
  }
  for (const [code, n] of countBy(after, (d) => d.severity === 1)) {
    assert.ok(
      n <= (errorsBefore.get(code) ?? 0),
      `'${fix.title}' adds an error ${code}: ${after.filter((d) => d.code === code && d.severity === 1).map((d) => d.message).join('; ')}`,
    );
  }
}

export function checkQuickFixes(text: string, lineSeeds: readonly number[], pickSeeds: readonly number[]): void {
  const fixes = quickFixesOf(text, lineSeeds);
  if (!fixes.length) return;
  for (const index of new Set(pickSeeds.map((s) => s % fixes.length))) checkQuickFix(text, fixes[index]);
}

/** One round of fix-all: the first source.fixAll action applied, if there is one. */
export function fixAllRound(text: string): { text: string; applied: boolean } {
  const analysis = service.analyze(text);
  const lines = splitLspLines(text);
  const actions = codeActionsFor(analysis, lineRange(0), diagnosticsOf(analysis), { only: ['source.fixAll'] });
  assert.ok(actions.every((a) => a.kind?.startsWith('source.fixAll')), `fix-all returns other kinds: ${actions.map((a) => a.kind).join(', ')}`);
  if (!actions.length) return { text, applied: false };
  // Each action is computed for the text before any of them: apply the first, ask again for the rest.
  return { text: applyChecked(text, lines, editsOf(actions[0].edit, uri), `fix-all '${actions[0].title}'`), applied: true };
}

/** Fix-all reaches a fixed point within three rounds; applied twice it equals once; no row is left out of order. */
export function checkFixAll(text: string): void {
  let current = text;
  const rounds: string[] = [];
  for (let round = 0; ; round++) {
    const step = fixAllRound(current);
    if (!step.applied) break;
    assert.ok(round < 3, `fix-all still offers actions after ${round + 1} rounds`);
    rounds.push(step.text);
    current = step.text;
  }
  if (!rounds.length) return;
  const once = rounds[0];
  assert.equal(fixAllRound(once).text, once, 'fix-all applied twice differs from once');
  const after = diagnosticsOf(service.analyze(once));
  assert.deepEqual(after.filter((d) => d.code === 'timeline-out-of-order').map((d) => d.message), [], 'fix-all leaves rows out of order');
}

const fieldPattern = /^(.*?)(\*\*([^*]+?)\*\*[ \t]*:|\*\*([^*]+?):\*\*)([ \t]*)(.*)$/;
/** What follows a value's main part: a note in parentheses, after a dash or punctuation, a comment or code. */
function noteAfterValue(raw: string): string {
  // Comments before the value are invisible ("<!-- note -->[AUTO-GENERATED]" is a placeholder).
  const value = raw.replace(/^(?:[ \t\ufeff]*<!--[\s\S]*?-->)+[ \t\ufeff]*/, '');
  // A field with a placeholder is unfilled: the placeholder goes with everything before it and
  // glued to it ("a[System downtime, user impact]": a comma inside it is no note); what follows
  // the last one is a note when it reads as one.
  const placeholders = [...value.matchAll(/\[[^\]]*\]|_{3,}/g)];
  const last = placeholders[placeholders.length - 1];
  if (last) {
    const rest = value.slice(last.index + last[0].length);
    return /^\s*\(|^\s+[-–—]\s|^\s*[:;,]\s/.test(rest) ? rest : '';
  }
  // A value written as code (`HIGH`) is the value itself; after a value, code is a note.
  if (/^[*_]*`/.test(value)) return '';
  // Code is a note only where a code span starts: ticks without their closing run are text.
  const masked = maskCommentsAndCode(value);
  let codeStart = -1;
  for (let k = 0; k < value.length && codeStart === -1; k++) if (value[k] === '`' && masked[k] !== '`') codeStart = k;
  const main = (codeStart === -1 ? value : value.slice(0, codeStart)).split(/\s*\(|\s+[-–—]\s|\s*[:;,]\s|<!--/)[0].trimEnd();
  // A note follows a value: with none before it (": [CRITICAL/...]"), it is all stray text.
  if (main.replace(/[*_\s\ufeff]/g, '') === '') return '';
  return value.slice(main.length).trim() === '' ? '' : value.slice(main.length);
}
const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Every completion item, applied, keeps the line count and leaves a clean value on the cursor's line. */
export function checkCompletions(text: string, seeds: readonly PositionSeed[]): void {
  const lines = splitLspLines(text);
  const analysis = service.analyze(text);
  for (const position of completionPositions(lines, seeds)) {
    const items: CompletionItem[] = service.completions(analysis, position, now)?.items ?? [];
    for (const item of items) checkCompletionItem(text, lines, analysis, position, item);
  }
}

export function checkCompletionItem(text: string, lines: readonly string[], analysis: Analysis, position: Position, item: CompletionItem): void {
  const edit = item.textEdit as TextEdit | undefined;
  assert.ok(edit, `completion '${item.label}' has no textEdit`);
  // A snippet (a block of its own: a row, an item, a log extract) replaces only the word typed
  // before the cursor, on a prose line where a block may start.
  if (item.kind === 15 /* Snippet */) {
    assert.deepEqual(edit.range.end, position, `snippet '${item.label}' does not end at the cursor`);
    assert.equal(edit.range.start.line, position.line);
    const typed = lines[position.line].slice(edit.range.start.character, position.character);
    assert.match(typed, /^[\w-]*$/, `snippet '${item.label}' replaces more than a word: ${JSON.stringify(typed)}`);
    assert.match(lines[position.line].slice(0, edit.range.start.character), /^[ \t]*(?:(?:[-*+]|\d{1,9}[.)])[ \t]+)?$/, `snippet '${item.label}' where no block starts: ${JSON.stringify(lines[position.line])}`);
    assert.equal(analysis.doc.lineKinds[position.line], 0, `snippet '${item.label}' offered outside prose`);
    applyChecked(text, lines, [edit], `snippet '${item.label}'`);
    return;
  }
  const result = applyChecked(text, lines, [edit], `completion '${item.label}'`);
  const resultLines = splitLspLines(result);
  assert.equal(resultLines.length, lines.length, `completion '${item.label}' changes the line count`);
  for (let i = 0; i < lines.length; i++) if (i !== position.line) assert.equal(resultLines[i], lines[i], `completion '${item.label}' changes line ${i}`);
  const before = lines[position.line];
  const line = resultLines[position.line];
  const after = service.analyze(result);
  // A time or duration the document knows, for Date/Time or Duration: written into the value, the label kept.
  const fieldIndex = analysis.doc.fieldOfLine.get(position.line);
  // A metric's field (Time to Detection) is completed as a duration, in the schema or not.
  const metricField = fieldIndex !== undefined && analysis.metrics.fields.some((f) => f.index === fieldIndex);
  const kind = fieldIndex === undefined ? undefined : metricField ? 'duration' : analysis.fieldSpec(fieldIndex)?.kind;
  if (fieldIndex !== undefined && (kind === 'datetime' || kind === 'duration')) {
    const field = analysis.doc.fields[fieldIndex];
    assert.ok(line.startsWith(before.slice(0, Math.min(field.valueStart, position.character))), `value '${item.label}' changes the label: ${JSON.stringify(before)} -> ${JSON.stringify(line)}`);
    assert.ok(line.includes(item.label), `value '${item.label}' is not in ${JSON.stringify(line)}`);
    assert.equal(after.doc.fieldOfLine.get(position.line) !== undefined, true, `value '${item.label}' breaks the field line ${JSON.stringify(line)}`);
    return;
  }
  if (item.kind === 20 /* EnumMember: a choice value */) {
    const problems = diagnosticsOf(after).filter((d) => d.range.start.line === position.line && (d.code === 'invalid-choice' || d.code === 'unfilled-placeholder'));
    assert.deepEqual(problems.map((d) => d.message), [], `choice '${item.label}' leaves a problem on ${JSON.stringify(line)}`);
    const m = fieldPattern.exec(before);
    if (!m) return;
    const [, lead, label, , , space, value] = m;
    const labelPart = lead + label;
    assert.ok(line.startsWith(labelPart), `choice '${item.label}' changes the label: ${JSON.stringify(before)} -> ${JSON.stringify(line)}`);
    // The value, kept in the author's emphasis if it had one ("**Alert**"), then the end or a note.
    // (U+FEFF counts as a space, as the service reads it.)
    // (Comments before the value are invisible: "**Severity**: <!-- note --> HIGH" reads as "**Severity**: HIGH".)
    const shown = line.slice(labelPart.length).replace(/<!--[\s\S]*?-->/g, '');
    assert.match(shown, new RegExp(`^[ \\t\\ufeff]*[*_]*${escapeRegExp(item.label)}(?![\\p{L}\\p{N}])`, 'u'), `choice '${item.label}' leaves ${JSON.stringify(line)}`);
    // A placeholder or nothing after the label: the line becomes exactly "**Label**: VALUE".
    if (/^(?:\[[^\]]*\]|_{3,})?[ \t]*$/.test(value)) {
      assert.equal(line, `${labelPart}${space || ' '}${item.label}`, `choice '${item.label}' on ${JSON.stringify(before)}`);
    }
    // A note after the value stays whole wherever the cursor is in it ("SEV1 (pa|ged)").
    const note = noteAfterValue(value);
    if (note && position.character > labelPart.length + space.length + value.length - note.length) {
      assert.ok(line.trimEnd().endsWith(note.trimEnd()), `choice '${item.label}' at ${position.character} cuts the note of ${JSON.stringify(before)}: ${JSON.stringify(line)}`);
    }
    return;
  }
  // An action item's owner or due date: the item is still one, and now names that owner or date.
  const actionItem = analysis.actionItems.items.find((i) => i.line <= position.line && position.line <= i.lastLine);
  if (actionItem) {
    const value = (edit.newText as string).trim();
    const newItem = after.actionItems.items.find((i) => i.line === actionItem.line);
    assert.ok(newItem, `completion '${item.label}' breaks the action item: ${JSON.stringify(before)} -> ${JSON.stringify(line)}`);
    const part = /^\d{4}-\d{2}-\d{2}$/.test(value) ? newItem.due : newItem.owner;
    assert.equal(part?.text.replace(/^[*_\s]+|[*_\s]+$/g, ''), value, `completion '${item.label}' leaves ${JSON.stringify(line)}`);
    return;
  }
  // A timeline cell: the cell the cursor is in now holds exactly the value, and the row keeps its cells.
  const row = analysis.timeline?.tables.flatMap((t) => t.rows).find((r) => r.row.line === position.line)?.row;
  assert.ok(row, `completion '${item.label}' outside a timeline row`);
  const column = row.cells.findIndex((c) => position.character >= c.outerStart && position.character <= c.outerEnd);
  const newRow = after.timeline?.tables.flatMap((t) => t.rows).find((r) => r.row.line === position.line)?.row;
  assert.ok(newRow, `completion '${item.label}' breaks the timeline row: ${JSON.stringify(before)} -> ${JSON.stringify(line)}`);
  assert.equal(newRow.cells.length, row.cells.length, `completion '${item.label}' changes the cell count: ${JSON.stringify(before)} -> ${JSON.stringify(line)}`);
  const cell = newRow.cells[column];
  assert.equal(line.slice(cell.start, cell.end), item.label, `completion '${item.label}' leaves ${JSON.stringify(line)}`);
}

/** The same text gives deep-equal diagnostics, completions and code actions, whatever was analysed in between. */
export function checkDeterminism(text: string, other: string, seed: PositionSeed): void {
  const lines = splitLspLines(text);
  const position = completionPositions(lines, [seed])[0];
  const run = () => {
    const analysis = service.analyze(text);
    const diagnostics = diagnosticsOf(analysis);
    return { diagnostics, completions: service.completions(analysis, position, now), actions: codeActionsFor(analysis, wholeRange(lines), diagnostics) };
  };
  const first = run();
  // Whatever the service remembers between documents must not leak into the next one.
  const otherAnalysis = service.analyze(other);
  diagnosticsOf(otherAnalysis);
  service.completions(otherAnalysis, { line: 0, character: 0 }, now);
  assert.deepEqual(run(), first);
}

/** After random edits, the lines and diagnostics are those of a fresh analysis of the final text. */
export function checkIncremental(initial: string, seeds: readonly EditSeed[]): void {
  const { edits, final } = resolveEdits(initial, seeds);
  const incremental = analyzeAfterEdits(initial, edits);
  const fresh = service.analyze(final);
  assert.deepEqual(incremental.doc.text.lines, splitLspLines(final), 'the edited lines differ from the final text');
  assert.deepEqual(diagnosticsOf(incremental), diagnosticsOf(fresh));
  assert.equal(incremental.looksLikePostmortem, fresh.looksLikePostmortem);
}

export type ExistingSpec = { text: string } | { date: string; how: '' | '\r\n' | 'bold' | 'code' | ' (dup)' };

const idLine = /\*\*Incident ID\*\*:[ \t]*(.*)$/gm;
const idsIn = (text: string) => [...text.replace(/\r\n?/g, '\n').matchAll(idLine)].map((m) => m[1].trim());

/** Existing folder contents: earlier new documents (as written, or touched up by authors) and other documents. */
export function existingTextsFrom(specs: readonly ExistingSpec[], date: string, sameDay: boolean): string[] {
  const existingTexts: string[] = [];
  for (const spec of specs) {
    if ('text' in spec) {
      existingTexts.push(spec.text);
      continue;
    }
    const made = service.newDocument({ title: 'earlier', date: sameDay ? date : spec.date, existingTexts }).text;
    const id = /\*\*Incident ID\*\*: (\S+)/.exec(made)?.[1] ?? '';
    const field = `**Incident ID**: ${id}`;
    if (spec.how === '\r\n') existingTexts.push(made.replace(/\n/g, '\r\n'));
    else if (spec.how === 'bold') existingTexts.push(made.replace(field, `**Incident ID**: **${id}**`));
    else if (spec.how === 'code') existingTexts.push(made.replace(field, `**Incident ID**: \`${id}\``));
    else existingTexts.push(made.replace(field, field + spec.how));
  }
  return existingTexts;
}

/** A new document: safe file name of its date, a post-mortem with its title heading, and an ID no existing text holds. */
export function checkNewDocument(title: string, date: string, existingTexts: readonly string[]): void {
  const doc = service.newDocument({ title, date, existingTexts });
  assert.match(doc.fileName, /^\d{4}-\d{2}-\d{2}-[a-z0-9-]+\.md$/);
  assert.ok(!doc.fileName.includes('..'), `file name ${doc.fileName}`);
  assert.ok(doc.fileName.startsWith(`${date}-`), `file name ${doc.fileName} is not of ${date}`);
  const analysis = service.analyze(doc.text);
  assert.equal(analysis.looksLikePostmortem, true, 'the new document is not a post-mortem');
  // Front matter with the first review status, then the title heading.
  const lines = splitLspLines(doc.text);
  assert.deepEqual(lines.slice(0, 3), ['---', 'status: draft', '---'], 'the new document does not start as a draft');
  assert.ok(lines[3].startsWith('# '), 'the first line after the front matter is not the title heading');
  assert.equal(analysis.reviewStatus?.name, 'draft');
  assert.deepEqual(idsIn(doc.text), [doc.incidentId], 'the text does not hold the ID');
  // An ID counts as taken however it is written: bold, or with a note after it.
  const existingIds = existingTexts.flatMap(idsIn);
  const taken = new Set(existingIds.map((id) => id.replace(/^[*_`]+/, '').split(/[\s(*_`]/)[0]));
  assert.ok(!existingIds.includes(doc.incidentId), `ID ${doc.incidentId} is already taken`);
  assert.ok(!taken.has(doc.incidentId), `ID ${doc.incidentId} is already taken (written otherwise)`);
  checkPosition(doc.text, splitLspLines(doc.text), doc.cursor, 'new document cursor');
  // A draft's gaps are hints: nothing in Problems, however the title is written.
  assert.ok(!diagnosticsOf(analysis).some((d) => d.severity === 1 || d.severity === 2), 'the new document has errors or warnings');
}
