/**
 * Failures the property tests (test/property) found, minimised to concrete inputs. Tests marked
 * `todo` describe a bug still open in server/: they run but do not fail the suite (none is open
 * now). While one is, a guard in test/property/checks.ts may skip exactly the inputs that hit it,
 * so the properties keep hunting for other bugs; when the server is fixed, drop both.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CodeAction, Diagnostic, TextEdit } from 'vscode-languageserver-types';
import { applyEdits, editsOf, service, templateText } from '../support/service';

const uri = 'file:///regression.md';
const now = new Date('2026-11-28T09:41:00Z');
const splitLines = (text: string) => text.split(/\r\n|\r|\n/);
const diagnose = (text: string) => service.diagnostics(service.analyze(text));
const count = (diagnostics: Diagnostic[], code: string) => diagnostics.filter((d) => d.code === code).length;

/** Code actions on one line, with the diagnostics on that line, or of the kinds in `only`. */
function actions(text: string, line: number, only?: string[]): CodeAction[] {
  const analysis = service.analyze(text);
  const diagnostics = service.diagnostics(analysis).filter((d) => only || (d.range.start.line <= line && d.range.end.line >= line));
  const range = { start: { line, character: 0 }, end: { line, character: 0 } };
  return service.codeActions({ analysis, uri, version: 1, range, diagnostics, only, now });
}

function apply(text: string, action: CodeAction | undefined): string {
  assert.ok(action, 'the action is not offered');
  return applyEdits(text, editsOf(action.edit, uri));
}

/** The cursor's line after accepting completion `label` at (line, character). */
function complete(text: string, line: number, character: number, label: string): string {
  const item = service.completions(service.analyze(text), { line, character }, now)?.items.find((i) => i.label === label);
  assert.ok(item, `no completion ${label}`);
  return splitLines(applyEdits(text, [item.textEdit as TextEdit]))[line];
}

const severity = (value: string) => templateText.replace('**Severity**: [CRITICAL/HIGH/MEDIUM/LOW]', `**Severity**: ${value}`);
const severityLine = splitLines(templateText).findIndex((l) => l.startsWith('**Severity**'));

describe('regressions: inserting a missing section', () => {
  it('does not put the section inside a code block left open at the end', () => {
    for (const text of ['```', '---\n---\na\n<!--\n 42\n']) {
      const fix = actions(text, 0).find((a) => a.title === "Insert section 'Incident Summary' from the template");
      const fixed = apply(text, fix);
      assert.ok(!diagnose(fixed).some((d) => d.message === "Section 'Incident Summary' is missing"), JSON.stringify(fixed));
      assert.equal(count(diagnose(fixed), 'missing-section'), count(diagnose(text), 'missing-section') - 1);
    }
  });

  it(
    'in a document that is one line of whitespace, starts the section on a line of its own',
    () => {
      for (const text of ['    ', '\t', '\ufeff\t', ' \n\t\n', '\r\n  \r\n']) {
        const fixed = apply(text, actions(text, 0).find((a) => a.title === "Insert section 'Incident Summary' from the template"));
        assert.ok(!diagnose(fixed).some((d) => d.message === "Section 'Incident Summary' is missing"), JSON.stringify(fixed.slice(0, 40)));
      }
    },
  );

  it('does not join a lone \\r before it and its own \\n into one line break', () => {
    const text = '\n-\r';
    const fix = actions(text, 0).find((a) => a.title.startsWith('Insert section'));
    const [edit] = editsOf(fix?.edit, uri);
    const fixed = apply(text, fix);
    // Three lines, plus one per line break the section brings: none may merge with the \r.
    assert.equal(splitLines(fixed).length, 3 + splitLines(edit.newText).length - 1);
  });
});

describe('regressions: choice values in emphasis', () => {
  it('the quick fix and the completion replace the value inside its emphasis', () => {
    const text = severity('**SEVERE**');
    assert.equal(splitLines(apply(text, actions(text, severityLine).find((a) => a.title === 'Set Severity to HIGH')))[severityLine], '**Severity**: **HIGH**');
    assert.equal(complete(text, severityLine, 18, 'HIGH'), '**Severity**: **HIGH**');
  });

  it('a lone asterisk before a colon is not taken for the value', () => {
    const text = '# Incident Classification\n**Resolution Method**:*:';
    const fixed = apply(text, actions(text, 1).find((a) => a.title === 'Set Resolution Method to Code Fix'));
    assert.equal(count(diagnose(fixed), 'invalid-choice'), 0, JSON.stringify(fixed));
  });
});

describe('regressions: timeline completion', () => {
  it('writes no value inside a comment or code span in the cell: before it, and the hidden text stays whole', () => {
    // Found by npm run fuzz (seed 9090): "| <!-- | --> |" with the cursor after "<" became
    // "| < 09:41 !-- | --> |", breaking the comment and adding a cell.
    const lines = splitLines(templateText);
    const row = lines.findIndex((l) => l.startsWith('| 00:00 '));
    const withRow = (text: string) => [...lines.slice(0, row), text, ...lines.slice(row)].join('\n');
    const time = (text: string, character: number) => {
      const result = service.completions(service.analyze(withRow(text)), { line: row, character }, now)?.items[0];
      assert.ok(result, `a time completion in ${JSON.stringify(text)} at ${character}`);
      return splitLines(applyEdits(withRow(text), [result.textEdit as TextEdit]))[row].replace(/\d\d:\d\d/, 'HH:MM');
    };
    assert.equal(time('| <!-- | --> | a | b |', 3), '| HH:MM <!-- | --> | a | b |');
    assert.equal(time('| `x` | a | b | c |', 3), '| HH:MM `x` | a | b | c |');
    // Outside hidden text nothing changes: the cursor's place in an empty cell, the content of a full one.
    assert.equal(time('|  | a | b | c |', 2), '| HH:MM | a | b | c |');
    assert.equal(time('| 10:00 <!-- seen --> | a | b | c |', 12), '| HH:MM <!-- seen --> | a | b | c |');
  });
});

describe('regressions: timeline rows', () => {
  it('counts a last cell that is only a code span, so padding the row fixes it', () => {
    // Found by a 10,000-case run: "| Incident start | `[ | `" read as one cell, padded to five.
    const text = '## Timeline\n\n| Time | Event | Component | Action Taken |\n|------|-------|-----------|--------------|\n| 00:01 | `[ | `\n| `00:02` | b |\n';
    for (const line of [4, 5]) {
      const fixed = apply(text, actions(text, line).find((a) => a.title.startsWith('Add the missing cell')));
      assert.equal(count(diagnose(fixed).filter((d) => d.range.start.line === line), 'timeline-cell-count'), 0, JSON.stringify(splitLines(fixed)[line]));
    }
  });

  it('pads a row that is a lone pipe to the column count', () => {
    // (GitHub takes a delimiter row for a table's only with a pipe and as many cells as the header.)
    const text = '# Timeline\nTime|e\n-|-\n|';
    const fixed = apply(text, actions(text, 3).find((a) => a.title.startsWith('Add the missing cell')));
    assert.equal(count(diagnose(fixed), 'timeline-cell-count'), 0, JSON.stringify(fixed));
  });

  it('fix-all and the order fixes on a timeline mixing dates and times of day: idempotent, and never a fix that fixes nothing', () => {
    for (const text of [
      '## Timeline\n\n| Time | Event |\n|---|---|\n| 12:00 | a |\n| 2026-11-20 10:00 | b |\n| 09:00 | c |\n',
      '# Timeline\r\nTime|\r-|\r\n12:23|\r|2003-04-22 22:25\r|17:16\r\n|7:49',
      '# Timeline\rTime|\r-|\r21:30|\r2020-07-17T15:27:22|\r|15:03:41',
    ]) {
      const fixAll = (t: string) => {
        const list = actions(t, 0, ['source.fixAll']);
        return list.length ? apply(t, list[0]) : t;
      };
      const once = fixAll(text);
      assert.equal(fixAll(once), once, `fix-all twice differs from once on ${JSON.stringify(text)}`);
      const before = count(diagnose(text), 'timeline-out-of-order');
      for (let line = 0; line < splitLines(text).length; line++) {
        for (const fix of actions(text, line).filter((a) => a.title === 'Move row to its place in the timeline' || a.title === 'Sort the timeline by time')) {
          assert.ok(count(diagnose(apply(text, fix)), 'timeline-out-of-order') < before, `'${fix.title}' on line ${line} of ${JSON.stringify(text)}`);
        }
      }
    }
  });
});

describe('regressions: new documents', () => {
  const first = service.newDocument({ title: 'A', date: '2026-11-28' });
  const written = (value: string) => first.text.replace(`**Incident ID**: ${first.incidentId}`, `**Incident ID**: ${value}`);

  it('an existing ID in bold or with a note after it is taken', () => {
    for (const value of [`**${first.incidentId}**`, `${first.incidentId} (reopened)`]) {
      assert.equal(service.newDocument({ title: 'B', date: '2026-11-28', existingTexts: [written(value)] }).incidentId, 'INC-20261128-02', value);
    }
  });

  it('an existing ID written as inline code is taken', () => {
    assert.equal(service.newDocument({ title: 'B', date: '2026-11-28', existingTexts: [written(`\`${first.incidentId}\``)] }).incidentId, 'INC-20261128-02');
  });
});

describe('regressions: choice completion around the value', () => {
  it(
    'with the cursor inside a note or comment after the value, keeps it whole',
    () => {
      // "**Severity**: SEV1 (pa|ged)": today the line becomes "**Severity**: MEDIUMged)".
      assert.equal(complete(severity('SEV1 (paged)'), severityLine, 22, 'MEDIUM'), '**Severity**: MEDIUM (paged)');
      // Minimised: the cursor after the dash of "e — e".
      const text = '# Incident Classification\n**Category**:e — e';
      assert.equal(complete(text, 1, 16, 'Infrastructure'), '**Category**: Infrastructure — e');
      // Minimised: the cursor inside a comment right after the value ("R<|!---->").
      assert.equal(complete('# Incident Summary\n**Severity**:R<!---->', 1, 15, 'CRITICAL'), '**Severity**: CRITICAL<!---->');
    },
  );

  it('a note after a placeholder stays, wherever the cursor is', () => {
    const text = severity('[CRITICAL/HIGH/MEDIUM/LOW] (paged at 02:10)');
    for (const character of [14, 20, 41, 45, 56]) assert.equal(complete(text, severityLine, character, 'LOW'), '**Severity**: LOW (paged at 02:10)', `cursor at ${character}`);
    assert.equal(splitLines(apply(text, actions(text, severityLine).find((a) => a.title === 'Set Severity to LOW')))[severityLine], '**Severity**: LOW (paged at 02:10)');
    // Found by npm run fuzz: text glued to the placeholder after a U+FEFF is no note, and goes with it.
    const glued = severity('[CRITICAL/HIGH/MEDIUM/LOW]\ufeffa');
    assert.equal(complete(glued, severityLine, 20, 'LOW'), '**Severity**: LOW');
    assert.equal(splitLines(apply(glued, actions(glued, severityLine).find((a) => a.title === 'Set Severity to LOW')))[severityLine], '**Severity**: LOW');
  });

  it('a no-break space before the value goes with it; emphasis stays', () => {
    // Found by npm run fuzz (seed 271828): "**Severity**: \u00a0[" became "**Severity**: \u00a0CRITICAL".
    assert.equal(complete(severity('\u00a0['), severityLine, 16, 'CRITICAL'), '**Severity**: CRITICAL');
    const sev = severity('\u00a0SEVERE');
    assert.equal(splitLines(apply(sev, actions(sev, severityLine).find((a) => a.title === 'Set Severity to HIGH')))[severityLine], '**Severity**: HIGH');
    assert.equal(complete(severity('**SEV1**'), severityLine, 17, 'LOW'), '**Severity**: **LOW**');
  });

  it('a mangled placeholder is one bracketed value: no note starts inside its brackets', () => {
    // Found by npm run fuzz (seed 1954): the ": " inside the brackets was read as a note, and
    // completion gave "**Severity**: CRITICAL: CRITICAL/HIGH/MEDIUM/LOW]".
    const mangled = severity('[: CRITICAL/HIGH/MEDIUM/LOW]');
    assert.equal(complete(mangled, severityLine, 16, 'CRITICAL'), '**Severity**: CRITICAL');
    assert.equal(splitLines(apply(mangled, actions(mangled, severityLine).find((a) => a.title === 'Set Severity to HIGH')))[severityLine], '**Severity**: HIGH');
    // A note after the brackets is still a note.
    assert.equal(complete(severity('[: CRITICAL/HIGH] (paged)'), severityLine, 16, 'LOW'), '**Severity**: LOW (paged)');
  });

  it(
    'after an unclosed <!-- on the line, the value does not go into the comment',
    () => {
      const text = severity('<!--');
      for (const character of [14, 16, 18]) assert.equal(complete(text, severityLine, character, 'MEDIUM'), '**Severity**: MEDIUM <!--', `cursor at ${character}`);
      const fixed = apply(text, actions(text, severityLine).find((a) => a.title === 'Set Severity to MEDIUM'));
      assert.equal(splitLines(fixed)[severityLine], '**Severity**: MEDIUM <!--');
      assert.equal(diagnose(fixed).filter((d) => d.range.start.line === severityLine).length, 0, splitLines(fixed)[severityLine]);
      // A closed comment after an empty value: the value goes before it, too.
      assert.equal(complete(severity('<!-- ask SRE -->'), severityLine, 30, 'LOW'), '**Severity**: LOW <!-- ask SRE -->');
    },
  );

  it(
    'pads a timeline row after an unclosed <!-- with cells that count',
    () => {
      const text = '# Timeline\r\nTime|t\r\n-|-\r\n|<!--';
      const fixed = apply(text, actions(text, 3).find((a) => a.title.startsWith('Add the missing cell')));
      assert.equal(count(diagnose(fixed), 'timeline-cell-count'), 0, JSON.stringify(fixed));
    },
  );

  it(
    'a placeholder right after the colon becomes "**Label**: VALUE", with the space',
    () => {
      assert.equal(complete(severity('').replace('**Severity**: ', '**Severity**:[CRITICAL/HIGH/MEDIUM/LOW]'), severityLine, 14, 'HIGH'), '**Severity**: HIGH');
      // Minimised from the properties: a blank right after the colon.
      assert.equal(complete('# Likelihood of Recurrence\r\n**After Fixes**:___', 1, 16, 'HIGH'), '**After Fixes**: HIGH');
      // Found by a 20,000-case run: white space after the placeholder, the cursor inside it.
      assert.equal(complete('# Incident Classification\n**Category**: [AUTO-GENERATED] ', 1, 18, 'Network'), '**Category**: Network');
      // Found by a 10,000-case run: bracketed text that is no placeholder, against the colon.
      assert.equal(complete('# Incident Summary\n**Severity**:[x]', 1, 13, 'CRITICAL'), '**Severity**: CRITICAL');
    },
  );

  it(
    'replaces a value written as inline code',
    () => {
      assert.equal(complete(severity('`HIGH`'), severityLine, 14, 'MEDIUM'), '**Severity**: MEDIUM');
      // It is a value: valid when allowed, named when not.
      assert.deepEqual(diagnose(severity('`HIGH`')).filter((d) => d.range.start.line === severityLine), []);
      assert.deepEqual(diagnose(severity('**`high`** (paged)')).filter((d) => d.range.start.line === severityLine), []);
      assert.deepEqual(
        diagnose(severity('`SEVERE`')).filter((d) => d.range.start.line === severityLine).map((d) => d.code),
        ['invalid-choice'],
      );
      // Numbers, percentages and dates written as code read the same.
      const coded = templateText
        .replace('- **Circuit Breaker Trips**: [Number]', '- **Circuit Breaker Trips**: `3`')
        .replace('CPU Usage: [Percentage]', 'CPU Usage: `97%`')
        .replace('### Review Date: [Date, 1 week after incident]', '### Review Date: `2026-12-05`');
      const codedLines = splitLines(coded);
      for (const prefix of ['- **Circuit Breaker Trips**', 'CPU Usage:', '### Review Date: `']) {
        const line = codedLines.findIndex((l) => l.startsWith(prefix));
        assert.ok(line > 0, prefix);
        assert.deepEqual(diagnose(coded).filter((d) => d.range.start.line === line).map((d) => d.message), [], codedLines[line]);
      }
    },
  );
});
