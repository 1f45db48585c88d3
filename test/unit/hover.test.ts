import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { MarkupContent } from 'vscode-languageserver-types';
import { service, templateText } from '../support/service';

const lines = templateText.split('\n');
const lineOf = (prefix: string) => lines.findIndex((l) => l.trimStart().startsWith(prefix));
const hoverText = (text: string, line: number, character: number) => {
  const hover = service.hover(service.analyze(text), { line, character });
  return hover ? (hover.contents as MarkupContent).value : undefined;
};

describe('hover on fields', () => {
  it('a choice field lists its values with their meaning, the current one marked', () => {
    const severity = lineOf('**Severity**');
    const blank = hoverText(templateText, severity, 3);
    assert.ok(blank);
    assert.match(blank, /^\*\*Severity\*\* \(Incident Summary\)/);
    assert.match(blank, /- `CRITICAL`: Outage or data loss/);
    assert.match(blank, /- `LOW`: Minor issue/);
    assert.doesNotMatch(blank, /✓/);
    const filled = templateText.replace('**Severity**: [CRITICAL/HIGH/MEDIUM/LOW]', '**Severity**: **high** (paged)');
    assert.match(hoverText(filled, severity, 20) ?? '', /- ✓ `HIGH`/);
  });

  it('numbers, percentages, dates and the Incident ID say what they expect', () => {
    assert.match(hoverText(templateText, lineOf('- **Circuit Breaker Trips**'), 5) ?? '', /A whole number of at least 0; a note may follow it\./);
    assert.match(hoverText(templateText, lineOf('CPU Usage:'), 3) ?? '', /A percentage from 0% to 100%/);
    assert.match(hoverText(templateText, lineOf('**Duration**'), 3) ?? '', /A duration such as 1h 12m/);
    assert.match(hoverText(templateText, lineOf('**Date/Time**'), 3) ?? '', /A start and end such as 2026-03-21 13:58 - 16:31 UTC/);
    // An example of the ID, not the raw format alone.
    const id = service.hover(service.analyze(templateText), { line: lineOf('**Incident ID**'), character: 2 }, new Date('2026-12-01T10:00:00Z'));
    assert.match((id?.contents as MarkupContent).value, /like `INC-20261201-01` \(the template's format, `INC-\{date\}-\{seq\}`\)/);
  });

  it('a choice field lists the aliases its values have', () => {
    assert.match(hoverText(templateText, lineOf('**Severity**'), 3) ?? '', /`CRITICAL`: Outage[^\n]*\(also SEV0, SEV1, S0, S1, P0, P1\)/);
    const alias = templateText.replace('**Severity**: [CRITICAL/HIGH/MEDIUM/LOW]', '**Severity**: SEV-2 (paged)');
    assert.match(hoverText(alias, lineOf('**Severity**'), 3) ?? '', /- ✓ `HIGH`/);
  });

  it('is the field line only, in UTF-16 units, and nothing elsewhere', () => {
    const text = '## Incident Summary\r\n\r\n😀 text\r\n**Severity**: HIGH 😀  \r\n';
    const hover = service.hover(service.analyze(text), { line: 3, character: 0 });
    assert.deepEqual(hover?.range, { start: { line: 3, character: 0 }, end: { line: 3, character: 21 } });
    assert.equal(hoverText(text, 3, 23), undefined, 'past the end of the line');
    assert.equal(hoverText(text, 2, 1), undefined, 'not a field');
    assert.equal(hoverText('**Unknown Label**: x\n', 0, 3), undefined, 'a field the schema does not describe');
  });
});
