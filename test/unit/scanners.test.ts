/**
 * The hand-written scans that replaced regular expressions (quadratic on long runs, or making a
 * match and strings per line) must read exactly as the regexes did. Each is compared here with
 * the regex-based code it replaced, on random texts of the characters that matter to it.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { markdownFacts } from '../../server/src/service/document/lineFacts';
import { placeholderKey } from '../../server/src/service/document/normalize';
import { mainPart } from '../../server/src/service/values/note';
import { placeholderTest } from '../../server/src/service/template/templateModel';
import { splitLines } from '../../server/src/service/text/lines';
import { maskCommentsAndCode, stripEmphasis } from '../../server/src/service/text/markdownText';
import { prng } from '../support/random';
import { service } from '../support/service';

/** Deterministic texts: `count` strings of up to `maxPieces` pieces drawn from `pieces`. */
function texts(seed: number, pieces: readonly string[], count: number, maxPieces: number): string[] {
  const random = prng(seed);
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    let text = '';
    const n = Math.floor(random() * (maxPieces + 1));
    for (let k = 0; k < n; k++) text += pieces[Math.floor(random() * pieces.length)];
    out.push(text);
  }
  return out;
}

const spaces = [' ', '  ', '\t', '\u00a0', '\u3000', '\ufeff'];

// The code the scans replaced.

const referenceStripEmphasis = (text: string) => text.replace(/^[*_]+|[*_]+$/g, '').trim();

function referenceMask(line: string): string {
  if (line.indexOf('<!--') === -1 && line.indexOf('`') === -1) return line;
  let out = '';
  let i = 0;
  while (i < line.length) {
    if (line.startsWith('<!--', i)) {
      const end = line.indexOf('-->', i + 4);
      const stop = end === -1 ? line.length : end + 3;
      out += ' '.repeat(stop - i);
      i = stop;
      continue;
    }
    if (line.charCodeAt(i) === 96) {
      let ticks = 1;
      while (line.charCodeAt(i + ticks) === 96) ticks++;
      const fence = '`'.repeat(ticks);
      // CommonMark: closed by a run of exactly as many backticks.
      const closing = new RegExp(`(?<!\`)${fence}(?!\`)`, 'g');
      closing.lastIndex = i + ticks;
      const end = closing.exec(line)?.index ?? -1;
      if (end === -1) {
        out += fence;
        i += ticks;
        continue;
      }
      out += ' '.repeat(end + ticks - i);
      i = end + ticks;
      continue;
    }
    out += line[i];
    i++;
  }
  return out;
}


describe('scans that replaced regular expressions', () => {
  it('code spans (closed by a run of exactly as many backticks) and comments are masked as a plain scan does', () => {
    for (const line of texts(1, ['`', '`', '``', '```', 'a', ' ', '<!--', '-->', '<', '-'], 20000, 16)) {
      assert.equal(maskCommentsAndCode(line), referenceMask(line), JSON.stringify(line));
    }
  });

  it('emphasis is stripped as /^[*_]+|[*_]+$/g and trim()', () => {
    for (const text of texts(2, ['*', '_', '**', 'a', 'b c', ...spaces], 20000, 10)) {
      assert.equal(stripEmphasis(text), referenceStripEmphasis(text), JSON.stringify(text));
    }
  });

  it('a heading title loses its closing #s as with /[ \\t]+#+[ \\t]*$/ and /^#+[ \\t]*$/', () => {
    const isPlaceholder = () => false;
    for (const rest of texts(3, ['#', '##', ' ', '\t', 'a', 'b', ':', '\\'], 20000, 10)) {
      const line = `## ${rest}`;
      const titleStart = /^ {0,3}(#{1,6})(?:[ \t]+|$)/.exec(line)![0].length;
      const title = line.slice(titleStart).replace(/[ \t]+#+[ \t]*$/, '').replace(/^#+[ \t]*$/, '').trim();
      assert.equal(markdownFacts(line, { isPlaceholder }).heading?.title, title, JSON.stringify(line));
    }
  });

  it('delimiter rows are told as with the GFM delimiter-row regex', () => {
    const pattern = /^\s*\|?\s*:?-+:?\s*(?:\|\s*:?-+:?\s*)*\|?\s*$/;
    const isPlaceholder = () => false;
    for (const line of texts(4, ['|', '-', '--', ':', 'a', ...spaces], 30000, 12)) {
      const first = line.replace(/^[ \t]+/, '')[0];
      if (first !== '|' && first !== '-' && first !== ':' && !line.includes('|')) continue;
      const want = pattern.test(line.replace(/^\ufeff/, ' ')) && line.includes('-');
      assert.equal(markdownFacts(line, { isPlaceholder }).delimiterRow, want, JSON.stringify(line));
    }
  });

  it('list items and their numbers are read as with the list-item regex', () => {
    const pattern = /^(\s*)(?:([-*+])|(\d{1,9})[.)])[ \t]+/;
    const isPlaceholder = () => false;
    for (const rest of texts(5, ['-', '*', '+', '1', '0', '12345', '.', ')', ' ', '\t', '\u00a0', 'a'], 30000, 10)) {
      const facts = markdownFacts(rest, { isPlaceholder });
      const c0 = rest.search(/[^ \t]/);
      const code = c0 === -1 ? -1 : rest.charCodeAt(c0);
      if (!(code === 42 || code === 45 || code === 43 || (code >= 48 && code <= 57)) || facts.field || facts.heading) continue;
      const m = pattern.exec(rest);
      assert.equal(facts.item?.number, m ? (m[3] !== undefined ? Number(m[3]) : null) : undefined, JSON.stringify(rest));
    }
  });

  it('bracket placeholders are found as with /\\[([^[\\]\\n]*)\\]/g', () => {
    const isPlaceholder = (text: string) => text.length > 0 && text.length % 3 !== 0;
    for (const line of texts(6, ['[', ']', 'ab', 'c', ' ', '!', '(', ':', '^', '\\', '`'], 30000, 14)) {
      const found = markdownFacts(line, { isPlaceholder }).marks.filter((m) => m.kind === 'bracket').map((m) => [m.start, m.end, m.text]);
      const masked = maskCommentsAndCode(line);
      const want: [number, number, string][] = [];
      for (const m of masked.matchAll(/\[([^[\]\n]*)\]/g)) {
        const start = m.index;
        const end = start + m[0].length;
        const before = masked.charCodeAt(start - 1);
        const after = masked.charCodeAt(end);
        if (before === 33 || before === 93 || before === 92 || after === 40 || after === 91) continue;
        if (after === 58 && masked.slice(0, start).trim() === '') continue;
        if (m[1].charCodeAt(0) === 94 || !isPlaceholder(m[1])) continue;
        want.push([start, end, m[1]]);
      }
      assert.deepEqual(found, want, JSON.stringify(line));
    }
  });

  it('a value and its note are split as with /\\s*\\(|\\s+[-–—]\\s|\\s*[:;,]\\s/', () => {
    const separator = /\s*\(|\s+[-–—]\s|\s*[:;,]\s/;
    for (const text of texts(7, ['HIGH', 'a', '(', ')', '-', '–', '—', ':', ';', ',', '*', '_', ...spaces], 30000, 10)) {
      const want = referenceStripEmphasis(referenceStripEmphasis(text).split(separator)[0]);
      assert.equal(mainPart(text), want, JSON.stringify(text));
    }
  });

  it('placeholder texts are told as by their keys', () => {
    const keys = service.template.placeholderKeys;
    const test = placeholderTest(keys);
    const known = [...keys].map((k) => k.replace(/#/g, '7'));
    for (const text of texts(10, [...known, ...known.map((k) => k.toUpperCase()), ' ', '\t', '\u00a0', 'x', '1', 'Σ', 'İ', '/'], 30000, 3)) {
      assert.equal(test(text), keys.has(placeholderKey(text)), JSON.stringify(text));
    }
  });

  it('lines and their breaks are split as by a loop over every character', () => {
    for (const text of texts(11, ['a', 'bc', '\n', '\r', '\r\n', '\n\r'], 20000, 10)) {
      const lines: string[] = [];
      const breaks: string[] = [];
      let start = 0;
      for (let i = 0; i < text.length; i++) {
        const code = text.charCodeAt(i);
        if (code !== 10 && code !== 13) continue;
        lines.push(text.slice(start, i));
        const crlf = code === 13 && text.charCodeAt(i + 1) === 10;
        breaks.push(crlf ? '\r\n' : code === 13 ? '\r' : '\n');
        if (crlf) i++;
        start = i + 1;
      }
      lines.push(text.slice(start));
      breaks.push('');
      const split = splitLines(text);
      assert.deepEqual([split.lines, split.breaks, split.eol], [lines, breaks, breaks.find((b) => b) ?? '\n'], JSON.stringify(text));
    }
  });
});
