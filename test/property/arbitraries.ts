/**
 * fast-check generators of post-mortem documents: the shipped template's sections and lines as
 * building blocks, then mutated the ways authors and editors break Markdown (deleted, swapped and
 * duplicated lines and sections, stray brackets, pipes, backticks and fences, broken front
 * matter, mixed line endings, a BOM, tabs, long lines, deep lists, text outside the BMP), plus
 * values for the schema's fields and timeline times, valid and not.
 *
 * Documents are generated as data (a base and a list of mutations) and mapped to text, so a
 * failing case shrinks towards fewer mutations and smaller bases.
 */
import fc from 'fast-check';
import { service, templateText } from '../support/service';

// ---------------------------------------------------------------------------------------------
// Building blocks taken from the template and its schema

/** LSP line split: \r\n, \n or a lone \r end a line. */
export function splitLspLines(text: string): string[] {
  return text.split(/\r\n|\r|\n/);
}

export const templateLines: readonly string[] = splitLspLines(templateText.replace(/\r?\n$/, ''));

const headingPattern = /^ {0,3}(#{1,6})(?:[ \t]+|$)/;

/** The template's preamble (title) and its top-level (##) sections, each as lines. */
export const templateTopSections: readonly (readonly string[])[] = (() => {
  const sections: string[][] = [[]];
  for (const line of templateLines) {
    if (/^## /.test(line)) sections.push([]);
    sections[sections.length - 1].push(line);
  }
  return sections;
})();

/** Every bracket placeholder the template holds, e.g. "[Component]". */
export const templatePlaceholders: readonly string[] = [...new Set(templateText.match(/\[[^[\]\n]*\]/g) ?? [])];

const schema = service.template.schema;
export const choiceFields = schema.fields.filter((f) => f.kind === 'choice' && f.values?.length);
export const valueFields = schema.fields.filter((f) => f.kind === 'number' || f.kind === 'percentage' || f.kind === 'date');
export const milestones = (schema.timeline?.milestones ?? []).map((m) => m.value);

const pad2 = (n: number) => String(n).padStart(2, '0');
const pad4 = (n: number) => String(n).padStart(4, '0');

// ---------------------------------------------------------------------------------------------
// Small pieces of text

/** Characters and short strings that upset Markdown parsers, or count oddly in UTF-16. */
export const nastyInline: readonly string[] = [
  '[', ']', '[[', ']]', '[]', '[ ]', '[x]', '![', '](', '(', ')', '[^1]', '\\', '\\[', '\\|',
  '|', '||', '| |', '`', '``', '```', '~~~', '<!--', '-->', '<!-- note -->', '**', '*', '_', '__', '___', '____',
  ':', '**:', ': ', '#', '# ', '## ', '- ', '1. ', '> ', '\t', ' ', '  ', '\u00a0', '\u200b', '\u200d', '\ufeff',
  '🔥', '👩‍💻', '🇺🇸', '𝔘𝔫𝔦', '😀😀', '𠜎', 'é', 'e\u0301', 'ß', 'İ', 'ﬁ', '中文', 'Ελληνικά', 'עברית', 'ＡＢ', '\u2028', '\u0085',
  'HIGH', 'LOW', 'n/a', '0', '-1', '100%', '1,204', '2026-11-28', '00:00',
];

/** Whole lines that open, close or confuse blocks. */
export const nastyLines: readonly string[] = [
  '', ' ', '\t', '   ', '```', '```js', '````', '```` ```', '~~~', '~~~~', ' ```', '    ```', '---', '***', '___', '...',
  '<!--', '-->', '<!-- c -->', '<!-- [Component] -->', '|', '||', '| a | b |', '|---|---|', '| --- |', '|:-:|',
  '| Time | Event | Component | Action Taken |', '|------|-------|-----------|--------------|',
  '#', '# ', '##', '## ', '######', '####### not a heading', '## Timeline', '## timeline', '### What Happened?',
  '## Incident Summary', '## 🔥 Incident summary', '# Post-Mortem: x', '- ', '-', '1.', '1. ', '* * *', '> quote',
  '**Severity**:', '**Severity**: ', '**Severity**:HIGH', '- **Before Fixes**: maybe', '**Category**: Infra',
  '### Review Date: 2026-13-40', '**Incident Commander**: ____ Date: ____', 'CPU Usage: 140%', 'Label: value',
  '- [ ] [Action item] - [Owner] - [Due date]', '1. [Factor 1] - [Explanation]', '[Component]', '[AUTO-GENERATED]',
  '**Contributing Factors**:', 'Note:', '\\', '`', '[', ']', '🔥🔥🔥', '𝔘𝔫𝔦𝔠𝔬𝔡𝔢',
];

/** Text without line breaks: a mix of nasty pieces, placeholders and plain words. */
export const inlineArb: fc.Arbitrary<string> = fc
  .array(
    fc.oneof(
      { weight: 4, arbitrary: fc.constantFrom(...nastyInline) },
      { weight: 2, arbitrary: fc.constantFrom(...templatePlaceholders) },
      { weight: 2, arbitrary: fc.constantFrom('a', 'word', 'Two words', 'x-y', '42', 'ok.') },
      { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 6 }).map(stripBreaks) },
    ),
    { minLength: 1, maxLength: 5 },
  )
  .map((parts) => parts.join(''));

/** A whole line (no line break). */
export const lineArb: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...nastyLines) },
  { weight: 3, arbitrary: fc.constantFrom(...templateLines) },
  { weight: 2, arbitrary: inlineArb },
);

export function stripBreaks(s: string): string {
  return s.replace(/[\r\n]/g, ' ');
}

// ---------------------------------------------------------------------------------------------
// Field values and timeline times

const noteArb = fc.constantFrom('', '', ' (paged)', ' - after the deploy', ' — see below', ': yes', ', maybe', ' <!-- c -->', ' `x`', ' 🔥');

/** A value for a choice field: an allowed one (any case, with a note), or not. */
export function choiceValueArb(values: readonly string[]): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 4, arbitrary: fc.tuple(fc.constantFrom(...values), noteArb).map(([v, n]) => v + n) },
    { weight: 1, arbitrary: fc.constantFrom(...values).map((v) => v.toLowerCase()) },
    { weight: 1, arbitrary: fc.constantFrom(...values).map((v) => `**${v}**`) },
    { weight: 1, arbitrary: fc.constantFrom(`[${values.join('/')}]`, '', '   ', 'TBD', 'SEV1', 'Hardware (disk)', 'n/a', '____', '[x]', '`HIGH`', 'HIGH/LOW', 'HIGHER', '🔥', 'Ünïcödé') },
    { weight: 1, arbitrary: inlineArb },
  );
}

/** A value for a number, percentage or date field: valid, out of range or garbage. */
export const numberishArb: fc.Arbitrary<string> = fc.oneof(
  fc.integer({ min: -5, max: 200 }).map(String),
  fc.double({ min: -10, max: 1000, noNaN: true }).map((n) => n.toFixed(2)),
  fc.integer({ min: 0, max: 150 }).map((n) => `${n}%`),
  fc.constantFrom('1,204', '1.5k', '~40', '7/10', '3 trips', 'n/a', 'none', 'unknown', '12 GB', '97% (peak)', '1e3', '-', '—', 'NaN', 'Infinity', ''),
  fc.tuple(fc.integer({ min: 1990, max: 2100 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 })).map(
    ([y, m, d]) => `${pad4(y)}-${pad2(m)}-${pad2(d)}`,
  ),
  fc.constantFrom('Nov 27, 2026', '27 November 2026', '2026-02-29', '2028-02-29', '2026-11-28 (a Saturday)'),
);

/** A timeline time: every accepted form, and near misses. */
export const timeArb: fc.Arbitrary<string> = fc.oneof(
  { weight: 6, arbitrary: fc.tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 })).map(([h, m]) => `${pad2(h)}:${pad2(m)}`) },
  { weight: 1, arbitrary: fc.tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 })).map(([h, m]) => `${h}:${pad2(m)}`) },
  { weight: 2, arbitrary: fc.tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }), fc.integer({ min: 0, max: 59 })).map(([h, m, s]) => `${pad2(h)}:${pad2(m)}:${pad2(s)}`) },
  { weight: 1, arbitrary: fc.tuple(fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 59 }), fc.constantFrom('AM', 'PM', 'am', 'p.m.', ' PM')).map(([h, m, p]) => `${h}:${pad2(m)} ${p}`.replace('  ', ' ')) },
  { weight: 1, arbitrary: fc.tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }), fc.constantFrom(' UTC', 'Z', ' GMT', ' utc')).map(([h, m, z]) => `${pad2(h)}:${pad2(m)}${z}`) },
  {
    weight: 2,
    arbitrary: fc
      .tuple(
        fc.integer({ min: 1999, max: 2031 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 31 }),
        fc.integer({ min: 0, max: 23 }),
        fc.integer({ min: 0, max: 59 }),
        fc.integer({ min: 0, max: 59 }),
        fc.constantFrom('T', ' '),
        fc.constantFrom('Z', '', '+02:00', '-05:30', '+0000', '+14:00', '-12:00', ' UTC', '.123Z'),
      )
      .map(([y, mo, d, h, mi, s, sep, zone]) => `${y}-${pad2(mo)}-${pad2(d)}${sep}${pad2(h)}:${pad2(mi)}${sep === 'T' ? `:${pad2(s)}` : ''}${zone}`),
  },
  {
    weight: 2,
    arbitrary: fc.oneof(
      fc.tuple(fc.integer({ min: 24, max: 99 }), fc.integer({ min: 0, max: 99 })).map(([h, m]) => `${h}:${pad2(m)}`),
      fc.tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 60, max: 99 })).map(([h, m]) => `${pad2(h)}:${m}`),
      fc.constantFrom('', ' ', '[Time]', '00:00', '23:59', '24:00', '13:00 PM', '0:00 AM', '2026-02-30 10:00', '2026-13-01T00:00:00Z', 'soon', '~14:00', '14h32', '14:32:60', '**14:32**', '`14:32`', '14:32 (approx)', '🔥'),
    ),
  },
);

/** A sequence of times for consecutive rows: in order, shuffled, or across midnight. */
export const timeSequenceArb: fc.Arbitrary<string[]> = fc.oneof(
  fc.array(timeArb, { minLength: 1, maxLength: 10 }),
  fc
    .tuple(fc.integer({ min: 22 * 60, max: 24 * 60 - 1 }), fc.array(fc.integer({ min: 0, max: 90 }), { minLength: 1, maxLength: 9 }))
    .map(([start, steps]) => {
      let t = start;
      return [start, ...steps.map((s) => (t += s))].map((m) => `${pad2(Math.floor(m / 60) % 24)}:${pad2(m % 60)}`);
    }),
);

// ---------------------------------------------------------------------------------------------
// Mutations of a document held as lines

export type Mutation =
  | { kind: 'deleteLine' | 'duplicateLine'; at: number }
  | { kind: 'swapLines'; a: number; b: number }
  | { kind: 'deleteSection' | 'duplicateSection'; at: number }
  | { kind: 'swapSections'; a: number; b: number }
  | { kind: 'insertLine'; at: number; line: string }
  | { kind: 'insertInline'; at: number; pos: number; text: string }
  | { kind: 'truncateLine'; at: number; pos: number }
  | { kind: 'indent'; at: number; depth: number; tabs: boolean }
  | { kind: 'setChoice'; field: number; value: string; space: string }
  | { kind: 'setValue'; field: number; value: string }
  | { kind: 'setTimes'; from: number; times: string[] }
  | { kind: 'insertRow'; at: number; cells: string[]; closing: boolean }
  | { kind: 'deepList'; at: number; depth: number; ordered: boolean; tabs: boolean }
  | { kind: 'longLine'; at: number; length: number; piece: string }
  | { kind: 'fences'; at: number; count: number; fence: string };

export const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 2, arbitrary: fc.record({ kind: fc.constantFrom('deleteLine' as const, 'duplicateLine' as const), at: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('swapLines' as const), a: fc.nat(), b: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constantFrom('deleteSection' as const, 'duplicateSection' as const), at: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('swapSections' as const), a: fc.nat(), b: fc.nat() }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('insertLine' as const), at: fc.nat(), line: lineArb }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('insertInline' as const), at: fc.nat(), pos: fc.nat(), text: inlineArb }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('truncateLine' as const), at: fc.nat(), pos: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('indent' as const), at: fc.nat(), depth: fc.integer({ min: 1, max: 12 }), tabs: fc.boolean() }) },
  {
    weight: 4,
    arbitrary: fc.nat({ max: choiceFields.length - 1 }).chain((field) =>
      fc.record({
        kind: fc.constant('setChoice' as const),
        field: fc.constant(field),
        value: choiceValueArb(choiceFields[field].values!.map((v) => v.value)),
        space: fc.constantFrom(' ', ' ', '', '\t', '  '),
      }),
    ),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('setValue' as const), field: fc.nat({ max: valueFields.length - 1 }), value: numberishArb }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('setTimes' as const), from: fc.nat({ max: 8 }), times: timeSequenceArb }) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('insertRow' as const),
      at: fc.nat(),
      cells: fc.array(fc.oneof(timeArb, fc.constantFrom(...milestones), inlineArb, fc.constant('')), { minLength: 0, maxLength: 6 }),
      closing: fc.boolean(),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('deepList' as const), at: fc.nat(), depth: fc.integer({ min: 1, max: 60 }), ordered: fc.boolean(), tabs: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('longLine' as const), at: fc.nat(), length: fc.integer({ min: 200, max: 6000 }), piece: fc.constantFrom('x', '[', '|', '`', '_', '🔥', '[Component] ', '| a ', '*') }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('fences' as const), at: fc.nat(), count: fc.integer({ min: 1, max: 5 }), fence: fc.constantFrom('```', '~~~', '````', '```js', '~~~ ~~~') }) },
);

/** An index into [0, length] that does not fall between the halves of a surrogate pair. */
export function safeIndex(s: string, n: number): number {
  let i = n % (s.length + 1);
  if (i > 0 && i < s.length && isHigh(s.charCodeAt(i - 1)) && isLow(s.charCodeAt(i))) i--;
  return i;
}
export const isHigh = (c: number) => c >= 0xd800 && c <= 0xdbff;
export const isLow = (c: number) => c >= 0xdc00 && c <= 0xdfff;

const headingLevel = (line: string) => headingPattern.exec(line)?.[1].length ?? 0;

/** Sections of a document held as lines: [start, end) of each heading's section. */
function sectionsOf(lines: readonly string[]): [number, number][] {
  const spans: [number, number][] = [];
  for (let i = 0; i < lines.length; i++) {
    const level = headingLevel(lines[i]);
    if (!level) continue;
    let end = i + 1;
    while (end < lines.length && !(headingLevel(lines[end]) && headingLevel(lines[end]) <= level)) end++;
    spans.push([i, end]);
  }
  return spans;
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export function applyMutation(lines: string[], m: Mutation): string[] {
  const out = lines.slice();
  const n = out.length;
  const at = (k: number) => (n === 0 ? 0 : k % n);
  switch (m.kind) {
    case 'deleteLine':
      if (n) out.splice(at(m.at), 1);
      return out;
    case 'duplicateLine':
      if (n) out.splice(at(m.at), 0, out[at(m.at)]);
      return out;
    case 'swapLines': {
      if (!n) return out;
      const [a, b] = [at(m.a), at(m.b)];
      [out[a], out[b]] = [out[b], out[a]];
      return out;
    }
    case 'deleteSection':
    case 'duplicateSection': {
      const spans = sectionsOf(out);
      if (!spans.length) return out;
      const [s, e] = spans[m.at % spans.length];
      if (m.kind === 'deleteSection') out.splice(s, e - s);
      else out.splice(e, 0, ...out.slice(s, e));
      return out;
    }
    case 'swapSections': {
      // Swap two top-level blocks that do not overlap (sections of the same level).
      const spans = sectionsOf(out);
      if (spans.length < 2) return out;
      let [a, b] = [spans[m.a % spans.length], spans[m.b % spans.length]];
      if (a[0] > b[0]) [a, b] = [b, a];
      if (a[1] > b[0]) return out; // nested or the same
      return [...out.slice(0, a[0]), ...out.slice(b[0], b[1]), ...out.slice(a[1], b[0]), ...out.slice(a[0], a[1]), ...out.slice(b[1])];
    }
    case 'insertLine':
      out.splice(n === 0 ? 0 : m.at % (n + 1), 0, m.line);
      return out;
    case 'insertInline': {
      if (!n) return [m.text];
      const i = at(m.at);
      const p = safeIndex(out[i], m.pos);
      out[i] = out[i].slice(0, p) + m.text + out[i].slice(p);
      return out;
    }
    case 'truncateLine': {
      if (!n) return out;
      const i = at(m.at);
      out[i] = out[i].slice(0, safeIndex(out[i], m.pos));
      return out;
    }
    case 'indent': {
      if (!n) return out;
      const i = at(m.at);
      out[i] = (m.tabs ? '\t' : ' ').repeat(m.depth) + out[i];
      return out;
    }
    case 'setChoice': {
      const field = choiceFields[m.field];
      const pattern = new RegExp(`^(\\s*(?:[-*+]\\s+)?\\*\\*${escapeRegExp(field.label)}\\*\\*:)`);
      const i = out.findIndex((l) => pattern.test(l));
      if (i !== -1) out[i] = out[i].replace(new RegExp(`${pattern.source}.*$`), `$1${m.space}${m.value}`);
      return out;
    }
    case 'setValue': {
      const field = valueFields[m.field];
      const pattern = new RegExp(`^(\\s*(?:[-*+]\\s+)?(?:\\*\\*${escapeRegExp(field.label)}\\*\\*:|${escapeRegExp(field.label)}:|#{1,6} ${escapeRegExp(field.label)}:))`);
      const i = out.findIndex((l) => pattern.test(l));
      if (i !== -1) out[i] = out[i].replace(new RegExp(`${pattern.source}.*$`), `$1 ${m.value}`);
      return out;
    }
    case 'setTimes': {
      // Rows of any table whose first cell looks like a time slot, from the template's timeline on.
      const rows: number[] = [];
      for (let i = 0; i < n; i++) if (/^\s*\|[^|-]*\|/.test(out[i]) && !/^\s*\|\s*Time\s*\|/i.test(out[i]) && !/^\s*\|[\s:-]*\|/.test(out[i])) rows.push(i);
      m.times.forEach((time, k) => {
        const i = rows[m.from + k];
        if (i !== undefined) out[i] = out[i].replace(/^(\s*\|)[^|]*\|/, `$1 ${time} |`);
      });
      return out;
    }
    case 'insertRow': {
      const row = `| ${m.cells.join(' | ')}${m.closing ? ' |' : ''}`;
      const tableLines: number[] = [];
      for (let i = 0; i < n; i++) if (/^\s*\|/.test(out[i])) tableLines.push(i);
      const where = tableLines.length ? tableLines[m.at % tableLines.length] + 1 : n === 0 ? 0 : m.at % (n + 1);
      out.splice(where, 0, row);
      return out;
    }
    case 'deepList': {
      const unit = m.tabs ? '\t' : '  ';
      const items = Array.from({ length: m.depth }, (_, d) => `${unit.repeat(d)}${m.ordered ? `${d + 1}.` : '-'} [Action item] level ${d}`);
      out.splice(n === 0 ? 0 : m.at % (n + 1), 0, ...items);
      return out;
    }
    case 'longLine': {
      const line = m.piece.repeat(Math.ceil(m.length / m.piece.length));
      out.splice(n === 0 ? 0 : m.at % (n + 1), 0, line);
      return out;
    }
    case 'fences': {
      out.splice(n === 0 ? 0 : m.at % (n + 1), 0, ...Array.from({ length: m.count }, () => m.fence));
      return out;
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Whole documents

export type Base =
  | { kind: 'template'; keep: boolean[] }
  | { kind: 'sections'; pick: number[] }
  | { kind: 'lines'; lines: string[] }
  | { kind: 'empty' };

export const baseArb: fc.Arbitrary<Base> = fc.oneof(
  {
    weight: 4,
    // The whole template, mostly: a mask over its top sections that shrinks towards dropping them.
    arbitrary: fc.record({
      kind: fc.constant('template' as const),
      keep: fc.array(
        fc.oneof({ withCrossShrink: true }, { weight: 1, arbitrary: fc.constant(false) }, { weight: 12, arbitrary: fc.constant(true) }),
        { minLength: templateTopSections.length, maxLength: templateTopSections.length },
      ),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('sections' as const),
      // Indices into the template's top sections (0 is the title), in any order, repeats allowed.
      pick: fc.array(fc.nat({ max: templateTopSections.length - 1 }), { minLength: 1, maxLength: 20 }),
    }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('lines' as const), lines: fc.array(lineArb, { maxLength: 25 }) }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'empty' as const }) },
);

function baseLines(base: Base): string[] {
  switch (base.kind) {
    case 'template':
      return templateTopSections.flatMap((lines, k) => (base.keep[k] ? lines : []));
    case 'sections':
      return base.pick.flatMap((k) => templateTopSections[k]);
    case 'lines':
      return base.lines.slice();
    case 'empty':
      return [];
  }
}

export const frontMatters: readonly string[][] = [
  ['---', 'postmortem: true', '---'],
  ['---', 'postmortem: false', '---'],
  ['---', 'title: x', 'postmortem: "yes"', 'tags: [a, b]', '---'],
  ['---', 'postmortem: true # comment', '...'],
  ['---', 'postmortem: true'], // never closed
  ['---', ': : [', '---'],
  ['---', '---'],
  ['--- ', 'PostMortem: ON', '--- '],
  ['----', 'postmortem: true', '----'],
  ['---', 'postmortem:', '---'],
  ['---', '```', '---'],
];

/** Line breaks: one kind for the whole document, or a repeating mix (including lone \r). */
export const breaksArb: fc.Arbitrary<string[]> = fc.oneof(
  { weight: 4, arbitrary: fc.constant<string[]>(['\n']) },
  { weight: 2, arbitrary: fc.constant<string[]>(['\r\n']) },
  { weight: 1, arbitrary: fc.constant<string[]>(['\r']) },
  { weight: 2, arbitrary: fc.array(fc.constantFrom('\n', '\r\n', '\r'), { minLength: 2, maxLength: 7 }) },
);

export interface DocSpec {
  base: Base;
  mutations: Mutation[];
  frontMatter: number | null;
  bom: boolean;
  breaks: string[];
  finalBreak: boolean;
}

export const docSpecArb: fc.Arbitrary<DocSpec> = fc.record({
  base: baseArb,
  mutations: fc.array(mutationArb, { maxLength: 8 }),
  frontMatter: fc.option(fc.nat({ max: frontMatters.length - 1 }), { freq: 5 }),
  bom: fc.oneof({ weight: 5, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
  breaks: breaksArb,
  finalBreak: fc.boolean(),
});

export function joinLines(lines: readonly string[], breaks: readonly string[], finalBreak: boolean): string {
  let text = '';
  for (let i = 0; i < lines.length; i++) {
    text += lines[i];
    if (i < lines.length - 1 || finalBreak) text += breaks[i % breaks.length];
  }
  return text;
}

export function buildDocument(spec: DocSpec): string {
  let lines = baseLines(spec.base);
  for (const m of spec.mutations) lines = applyMutation(lines, m);
  if (spec.frontMatter !== null) lines = [...frontMatters[spec.frontMatter], ...lines];
  const text = joinLines(lines, spec.breaks, spec.finalBreak && lines.length > 0);
  return spec.bom ? '\ufeff' + text : text;
}

/** A generated document's text. */
export const documentArb: fc.Arbitrary<string> = docSpecArb.map(buildDocument);

// ---------------------------------------------------------------------------------------------
// Positions, edits and new-document inputs

/** A seed for a position, resolved against a text when it is known. */
export const positionSeedArb = fc.record({ line: fc.nat(), character: fc.nat() });

/** A valid LSP position in `lines` (never inside a surrogate pair). */
export function resolvePosition(lines: readonly string[], seed: { line: number; character: number }) {
  const line = seed.line % lines.length;
  return { line, character: safeIndex(lines[line], seed.character) };
}

/** Text typed or pasted by an edit: anything, line breaks of every kind included. */
export const insertTextArb: fc.Arbitrary<string> = fc.oneof(
  { weight: 2, arbitrary: fc.constantFrom('', 'x', ' ', '\n', '\r', '\r\n', '\n\n', '\r\r\n', '|', '[', ']', '`', '```\n', '\n```', '#', '## Timeline\n', '---\n', '🔥', '\ud83d\udd25x') },
  { weight: 2, arbitrary: inlineArb },
  { weight: 2, arbitrary: fc.array(lineArb, { minLength: 1, maxLength: 4 }).chain((ls) => fc.constantFrom('\n', '\r\n', '\r').map((b) => ls.join(b) + b)) },
  { weight: 1, arbitrary: fc.tuple(timeArb, fc.constantFrom(...milestones)).map(([t, e]) => `| ${t} | ${e} | db | fixed |\n`) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 8 }) },
);

export const editSeedArb = fc.record({
  start: positionSeedArb,
  lineSpan: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 4 })),
  endCharacter: fc.nat(),
  text: insertTextArb,
  whole: fc.oneof({ weight: 20, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
});
export type EditSeed = typeof editSeedArb extends fc.Arbitrary<infer T> ? T : never;

const titlePieces: readonly string[] = [
  '../', '..', '/', '\\', '..\\..\\', '.md', 'CON', 'nul', '\n', '\r\n', '\r', '\t', ' ', '  ', '\u0000', '\u2028',
  '🔥', '👩‍💻', '🇺🇸', '𝔘', 'Élan', 'Straße', '中文', '---', '#', '[Component]', '**', '`', '|', ':', '?', '*', '<>', '"',
  'Payments API outage', 'DB fail-over', '2nd try!',
];

export const titleArb: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.array(fc.constantFrom(...titlePieces), { maxLength: 8 }).map((p) => p.join('')) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom('a', 'Outage ', '🔥', '../', '-'), fc.integer({ min: 50, max: 2000 })).map(([p, k]) => p.repeat(k)) },
);

export const dateArb: fc.Arbitrary<string> = fc
  .date({ min: new Date('1970-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));
