/** The date order (postmortem.dateOrder) read the same way by every check that reads a date. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { service, templateText } from '../support/service';

const withDateTime = (value: string) => templateText.replace('**Date/Time**: [START TIME] - [END TIME]', `**Date/Time**: ${value}`);
const messages = (text: string, dateOrder: 'auto' | 'dmy' | 'mdy') =>
  service.diagnostics(service.analyze(text, { dateOrder })).filter((d) => d.code === 'invalid-value' || d.code === 'id-format').map((d) => String(d.message));

describe('date order', () => {
  it('reports a Date/Time that ends before it starts only under the order that makes it so', () => {
    const text = withDateTime('10/04/2026 09:00 - 03/05/2026 10:00 UTC');
    assert.deepEqual(messages(text, 'dmy').filter((m) => m.startsWith('Date/Time')), []);
    assert.deepEqual(messages(text, 'auto').filter((m) => m.startsWith('Date/Time')), []);
    assert.deepEqual(messages(text, 'mdy').filter((m) => m.startsWith('Date/Time')), ["Date/Time '10/04/2026 09:00 - 03/05/2026 10:00 UTC' ends before it starts"]);
  });

  it('names the incident\'s first day as the date order reads it', () => {
    const text = withDateTime('10/04/2026 09:00 - 11:00 UTC').replace('### Review Date: [Date, 1 week after incident]', '### Review Date: 2026-01-05');
    assert.ok(messages(text, 'mdy').some((m) => /is before the incident, which began on 2026-10-04/.test(m)), messages(text, 'mdy').join('\n'));
  });
});
