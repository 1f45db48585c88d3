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
    assert.match(hoverText(templateText, lineOf('- **Circuit Breaker Trips**'), 5) ?? '', /A whole number of at least 0\./);
    assert.match(hoverText(templateText, lineOf('CPU Usage:'), 3) ?? '', /A percentage of at most 100\./);
    assert.match(hoverText(templateText, lineOf('**Incident ID**'), 2) ?? '', /INC-\{date\}-\{seq\}/);
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
