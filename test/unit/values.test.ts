/**
 * The one value reader (server/src/service/values/): each family of values people write, read
 * as the field's kind, or rejected with the reason; and the readers held to a well-kept library,
 * date-fns, which writes dates, times and durations in the forms and languages they read.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { format, formatDuration } from 'date-fns';
import { de, enGB, enUS, es, fr, it as italian, nl, pt } from 'date-fns/locale';
import fc from 'fast-check';
import type { FieldSpec } from '../../server/src/service/template/schema';
import { readFieldValue } from '../../server/src/service/values';
import { findDate, findDates } from '../../server/src/service/values/date';
import { findDuration } from '../../server/src/service/values/duration';
import { findNumbers } from '../../server/src/service/values/number';
import { readTimelineMoment } from '../../server/src/service/values/moment';
import { findTimes } from '../../server/src/service/values/time';
import { service, templateText } from '../support/service';

const spec = (label: string): FieldSpec => {
  const found = service.template.schema.fields.find((f) => f.label === label);
  assert.ok(found, label);
  return found;
};
const state = (label: string, value: string) => readFieldValue(spec(label), value).state;
const accepts = (label: string, values: string[]) => {
  for (const value of values) assert.equal(state(label, value), 'ok', `${label}: ${JSON.stringify(value)} ${JSON.stringify(readFieldValue(spec(label), value))}`);
};
const rejects = (label: string, values: string[]) => {
  for (const value of values) assert.equal(state(label, value), 'invalid', `${label}: ${JSON.stringify(value)}`);
};

describe('values of each kind, as people write them', () => {
  it('percentages: one anywhere in the value; out of range or none is invalid', () => {
    accepts('Error Rate', ['18% during incident', 'peaked at 38%, averaged 11%', '18-22%', '100% of writes, 0.4% of reads', '20% avg / 88% peak', '40% so far', '18', '18 (5xx only)', '0.4 percent', '65 %', '**12%**', '`97%`', '4,7%']);
    rejects('Error Rate', ['high', 'unknown', '120%', '12 GB', '11.2 GB of 16 GB']);
    assert.equal(readFieldValue(spec('Error Rate'), 'peaked at 38%, averaged 11%').state === 'ok' && (readFieldValue(spec('Error Rate'), 'peaked at 38%, averaged 11%') as { number: number }).number, 38);
    assert.equal(state('Error Rate', 'n/a'), 'not-applicable');
  });

  it('numbers and counts: the first number, whole for counts, in range', () => {
    accepts('Circuit Breaker Trips', ['0', '3 (all false)', '~1.2k', 'zero', 'twice', '2,914 retries', '2.310', '1 842', 'about 12']);
    rejects('Circuit Breaker Trips', ['many', 'unknown', '2.5', '-1', 'a few']);
    // Thousands grouped by commas, dots or spaces, and decimal commas, read as their writers mean them.
    const number = (label: string, text: string) => (readFieldValue(spec(label), text) as { number?: number }).number;
    assert.equal(number('Circuit Breaker Trips', '1.000'), 1000);
    assert.equal(number('Circuit Breaker Trips', '3.000.000 requests'), 3_000_000);
    assert.equal(number('Circuit Breaker Trips', '1 842'), 1842);
    assert.equal(number('Circuit Breaker Trips', '2,914 retries'), 2914);
    assert.equal(number('Error Rate', '18,5%'), 18.5);
    assert.equal(number('Error Rate', '99,95% available'), 99.95);
    assert.deepEqual(findNumbers('1.234,5 and 4242,4243').map((n) => n.value), [1234.5, 4242]);
    accepts('Current Risk Level', ['7', '7/10', 'high (8)', '7 out of 10']);
    rejects('Current Risk Level', ['11', '0', 'high', '11/10']);
  });

  it('durations: units, words, clocks and ISO 8601; negative or none is invalid', () => {
    accepts('Duration', ['2h 33m', '2h33m', '153 minutes', '2 hours 12 minutes', '2 hours and 12 minutes', '1.5 hours', '~45 min', '90s', '1:12', '01:12:30', 'an hour', 'half an hour', 'PT1H12M', 'about 3 days', '2 days 7 hours', '2h 33m (13:58-16:31)', 'approx 2 hrs', '45']);
    rejects('Duration', ['banana', '-20 minutes', 'unknown', 'most of the afternoon']);
    const seconds = (text: string) => findDuration(text)?.seconds;
    assert.equal(seconds('2 hours and 12 minutes'), 7920);
    assert.equal(seconds('half an hour'), 1800);
    assert.equal(seconds('PT1H12M'), 4320);
    assert.equal(seconds('1:12'), 4320);
    // Parts written together count, each of them.
    assert.equal(seconds('2h33m'), 9180);
    assert.equal(seconds('1m30s'), 90);
    assert.equal(seconds('1h30m15s'), 5415);
    assert.equal(seconds('1d2h'), 93600);
    assert.equal(seconds('T+1h30m'), 5400);
    // Halves, quarters, hours and minutes without a minute unit, abbreviations with a dot.
    assert.equal(seconds('an hour and a half'), 5400);
    assert.equal(seconds('one and a half hours'), 5400);
    assert.equal(seconds('2 hours and a half'), 9000);
    assert.equal(seconds('a quarter of an hour'), 900);
    assert.equal(seconds('three quarters of an hour'), 2700);
    assert.equal(seconds('1h10'), 4200);
    assert.equal(seconds('2h05 of downtime'), 7500);
    assert.equal(seconds('1h30 min'), 5400);
    assert.equal(seconds('1 Std. 5 Min.'), 3900);
    assert.equal(seconds('ca. 20 Min.'), 1200);
    assert.equal(seconds('1 hora 10 minutos'), 4200);
  });

  it('reads compact durations (2h33m, 1d4h, 3m20s) as the sum of their parts', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 9 }), fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }), fc.integer({ min: 0, max: 59 }), (d, h, m, sec) => {
        const parts = [d && `${d}d`, h && `${h}h`, m && `${m}m`, sec && `${sec}s`].filter(Boolean);
        fc.pre(parts.length > 0);
        assert.equal(findDuration(parts.join(''))?.seconds, d * 86400 + h * 3600 + m * 60 + sec, parts.join(''));
      }),
      { numRuns: 2000, seed: 1205 },
    );
  });

  it('dates: ISO, day-first, month-first, dotted, two-digit years, month names, weekdays, in prose', () => {
    accepts('Review Date', ['2026-03-21', '2026/03/21', 'Sat 2026-03-21', '2026-03-21 (Saturday)', '23/03/2026', '21.03.2026', '23-03-2026', '03/23/2026', '23/03/26', '21 March 2026', 'March 21, 2026', '21-Mar-2026', 'Mar 21 2026', '21st March 2026', 'March 21st, 2026', '21. März 2026', '21 mars 2026', '21 de marzo de 2026', 'held on 2026-03-22 with the whole team', '03/04/2026', '2026年3月21日', '2026年3月21日（土）', '2026년 3월 21일']);
    rejects('Review Date', ['2026-02-30', '31/04/2026', '13/13/2026', 'next Tuesday', 'unknown', 'yesterday', '2026年2月30日', '2026年13月1日']);
    assert.deepEqual(findDate('会議は2026年3月21日に', { order: 'auto' })?.date, { year: 2026, month: 3, day: 21 });
    assert.match((readFieldValue(spec('Review Date'), '2026-02-30') as { problem: string }).problem, /February 2026 has 28 days/);
  });

  it('ambiguous dates are read by the date order, and only then', () => {
    const both = findDate('03/04/2026', { order: 'auto' });
    assert.deepEqual(both?.ambiguous, { dayFirst: { year: 2026, month: 4, day: 3 }, monthFirst: { year: 2026, month: 3, day: 4 } });
    assert.equal(both?.date, undefined);
    assert.deepEqual(findDate('03/04/2026', { order: 'dmy' })?.date, { year: 2026, month: 4, day: 3 });
    assert.deepEqual(findDate('03/04/2026', { order: 'mdy' })?.date, { year: 2026, month: 3, day: 4 });
    // One reading only: no ambiguity; dots are always day-first; the same day and month either way.
    assert.deepEqual(findDate('23/03/2026', { order: 'mdy' })?.date, { year: 2026, month: 3, day: 23 });
    assert.deepEqual(findDate('03.04.2026', { order: 'mdy' })?.date, { year: 2026, month: 4, day: 3 });
    assert.deepEqual(findDate('03/03/2026', { order: 'auto' })?.date, { year: 2026, month: 3, day: 3 });
  });

  it('date/time ranges: dates, times or both on each side, zones; no date or time, an impossible one, or an end before the start is invalid', () => {
    accepts('Date/Time', ['2026-11-20 13:58 - 16:31 UTC', '2026-11-20 13:58 UTC – 2026-11-21 02:10 UTC', '20 Nov 2026, 13:58–16:31 UTC', '13:58 - 16:31', 'Nov 20, 2026 1:58 PM – 4:31 PM PST', '2026-11-20T13:58:00Z / 2026-11-20T16:31:00Z', '2026-11-20 23:40 - 01:10', 'Thu 2026-05-07 10:41 - 10:46 UTC', '17.02.2026, 06:40 – 13:25 CET', 'from 2026-03-15 09:00 to 11:30', '2026-03-15', '2026-03-09T08:14:07.220+01:00 - 2026-03-09T10:29:40.512+01:00', '2026年3月9日 08:14 - 10:29 JST']);
    rejects('Date/Time', ['yesterday afternoon', 'yesterday ~15:10 - ~17:05', '2026-02-30 10:00', '25:12', '2026-03-15 14:00 - 2026-03-15 13:00', 'saturday night']);
    // Both ends read, offsets and all: an offset is no time of its own.
    for (const value of ['2026-03-09T08:14:07.220+01:00 - 2026-03-08T10:29:40.512+01:00', '2026-03-09T08:14+01:00 - 2026-03-08T10:29+01:00', '2026-03-09T08:14-05:00 – 2026-03-08T10:29-05:00']) {
      assert.match(JSON.stringify(readFieldValue(spec('Date/Time'), value)), /"problem":"ends before it starts"/, value);
    }
    assert.deepEqual(findTimes('08:14+01:00 - 10:29+01:00').map((t) => [t.text, t.zone]), [['08:14+01:00', 60], ['10:29+01:00', 60]]);
    // Both ends, however the range is written: words around the times, an aside, labelled ends, an ISO interval, days of one month.
    const ends = (value: string) => {
      const reading = readFieldValue(spec('Date/Time'), value) as { range?: { start: { date?: { day?: number }; seconds?: number }; end?: { date?: { day?: number }; seconds?: number } } };
      return [reading.range?.start.date?.day, reading.range?.start.seconds, reading.range?.end?.date?.day, reading.range?.end?.seconds];
    };
    const day = 20;
    for (const value of ['2026-11-20 from 13:58 to 16:31 UTC', '2026-11-20 (13:58–16:31 UTC)', '2026-11-20 between 13:58 and 16:31 UTC', 'Nov 20 2026, 13:58 to 16:31 (UTC)']) {
      assert.deepEqual(ends(value), [day, 50280, undefined, 59460], value);
    }
    for (const value of ['Start: 2026-11-20 13:58 UTC, End: 2026-11-20 16:31 UTC', '2026-11-20T13:58Z/2026-11-20T16:31Z', '2026-11-20T13:58:00Z/2026-11-20T16:31:00Z']) {
      assert.deepEqual(ends(value), [day, 50280, day, 59460], value);
    }
    assert.deepEqual(ends('2026-11-20 13:58 UTC (detected 14:05) - 16:31 UTC'), [day, 50280, undefined, 59460]);
    assert.deepEqual(ends('20-21 Nov 2026'), [20, undefined, 21, undefined]);
    assert.deepEqual(ends('20.–21. März 2026'), [20, undefined, 21, undefined]);
  });

  it('IDs: a token with a digit or a joined part; a word or a sentence is no ID', () => {
    accepts('Incident ID', ['INC-20261120-01', 'INC-4521', '2026-1120-OGW', '#4521', 'PM-2026-014', 'INC 4521', 'INC-4521 (PagerDuty)', 'ir_2026_11_20']);
    rejects('Incident ID', ['yesterday', 'see the ticket', 'Will add once the ticket is created']);
    assert.equal(state('Incident ID', 'TBD'), 'not-known');
  });

  it('choices: a value anywhere, decorated or with a note; an alias; nothing else', () => {
    const choice = (value: string) => readFieldValue(spec('Severity'), value);
    for (const value of ['🔴 CRITICAL', '**HIGH**', 'SEV-1 (CRITICAL)', 'CRITICAL (SEV-1)', 'Critical - all hands', 'P2 / HIGH', 'high (trading halted)', 'Medium-High']) {
      const reading = choice(value);
      assert.ok(reading.state === 'ok' && reading.choice && !reading.choice.alias, value);
    }
    for (const [value, canonical] of [['SEV-1', 'CRITICAL'], ['sev1', 'CRITICAL'], ['Sev 2', 'HIGH'], ['P3', 'MEDIUM'], ['S4', 'LOW'], ['SEV0', 'CRITICAL'], ['P5', 'LOW']]) {
      const reading = choice(value);
      assert.ok(reading.state === 'ok' && reading.choice?.alias && reading.choice.choice.value === canonical, value);
    }
    for (const value of ['urgent', 'Sev-A', 'blocker', 'Major']) assert.equal(choice(value).state, 'invalid', value);
    assert.equal(choice('CRITICAL/HIGH/MEDIUM/LOW').state, 'every-choice');
  });

  it('what renders as blank space is no value: &nbsp; and <br> alone are empty', () => {
    const analysis = service.analyze(templateText.replace('**Duration**: [TOTAL DURATION]', '**Duration**: &nbsp;').replace('| 00:05 | Alert triggered | [Alerting system] | [Initial response] |', '| 00:05 | &nbsp; | PagerDuty | <br> |'));
    const messages = service.diagnostics(analysis).map((d) => `${d.code}: ${d.message}`);
    assert.ok(messages.includes('unfilled-placeholder: Duration is not filled in: a duration'), messages.join('\n'));
    assert.ok(messages.some((m) => /^timeline-empty-cell: .*row 2.*Event.*Action Taken/.test(m)), messages.join('\n'));
    accepts('Duration', ['2h&nbsp;33m', '2h 33m<br>']);
    accepts('Error Rate', ['18%&nbsp;(5xx only)']);
  });

  it('values not known yet, and the words that say a field does not apply', () => {
    for (const value of ['TBD', 'tbd (IC to confirm)', 'TBC', '?', '???', 'pending', 'Pending review', 'ongoing', 'To be confirmed', 'not known yet']) assert.equal(state('Duration', value), 'not-known', value);
    for (const value of ['n/a', 'N/A', 'none', 'not applicable', '-']) assert.equal(state('Circuit Breaker Trips', value), 'not-applicable', value);
    // A word starting like one of them is a value like any other.
    assert.equal(state('Incident ID', 'TBD-2026-01'), 'not-known', 'TBD at the start says it');
    assert.equal(state('Incident ID', 'TODAY-01'), 'ok');
  });

  it('timeline times in the forms people use', () => {
    for (const text of ['14:02', '9:14', '14:02:17', '09:19:12.431', '2:14 PM', '2:14pm', '2pm', '14h02', '14:02 UTC', '14:02Z', '14:02 CET', '09.24', 'noon', '~09:19', '≈09:19', 'approx. 09:19', '09:19 (approx.)', '09:19?', '14:02-14:10', 'circa 14:05', '2026-06-10 09:14', '2026-06-10T09:14:00+02:00', 'Jun 10 09:14', '10 Jun 09:14', '10/06 09:14', 'Tue 09:14', 'Day 2 09:19', 'D2 09:19', 'T+0', 'T+5m', 'T+01:05', '**14:02**', '`14:02`', '2026-06-11']) {
      const reading = readTimelineMoment(text);
      assert.ok(reading && 'moment' in reading, `${text}: ${JSON.stringify(reading)}`);
    }
    for (const text of ['25:99', '14:75', '2026-02-30 10:00', '25.10', '14:3O']) {
      const reading = readTimelineMoment(text);
      assert.ok(reading === undefined || 'problem' in reading, `${text} is read as ${JSON.stringify(reading)}`);
    }
    assert.equal(readTimelineMoment('soon'), undefined);
    assert.equal(readTimelineMoment('later that day'), undefined);
  });
});

describe('the readers against date-fns', () => {
  const locales = { enGB, enUS, de, fr, es, italian, nl, pt };
  const day = fc.date({ min: new Date(2000, 0, 1), max: new Date(2099, 11, 31), noInvalidDate: true });

  it('read back every date date-fns writes with month names, in English and six European languages, and in ISO and dotted forms', () => {
    const patterns = ['d MMMM yyyy', 'd MMM yyyy', 'MMMM d, yyyy', 'MMM d yyyy', 'EEEE d MMMM yyyy', 'EEE yyyy-MM-dd', 'do MMMM yyyy', 'd-MMM-yyyy', 'd. MMMM yyyy', 'dd.MM.yyyy', 'yyyy-MM-dd', 'yyyy/MM/dd'];
    fc.assert(
      fc.property(day, fc.constantFrom(...Object.values(locales)), fc.constantFrom(...patterns), (date, locale, pattern) => {
        const text = format(date, pattern, { locale });
        const found = findDate(text, { order: 'auto' });
        assert.deepEqual(found?.date, { year: date.getFullYear(), month: date.getMonth() + 1, day: date.getDate() }, `${locale.code} ${pattern}: ${text}`);
      }),
      { numRuns: 3000, seed: 1201 },
    );
  });

  it('read back numeric dates day-first and month-first by the date order, and two-digit years', () => {
    fc.assert(
      fc.property(day, fc.constantFrom(['dd/MM/yyyy', 'dmy'], ['MM/dd/yyyy', 'mdy'], ['d/M/yy', 'dmy'], ['M/d/yy', 'mdy'], ['dd-MM-yyyy', 'dmy']) as fc.Arbitrary<[string, 'dmy' | 'mdy']>, (date, [pattern, order]) => {
        const text = format(date, pattern);
        assert.deepEqual(findDate(text, { order })?.date, { year: date.getFullYear(), month: date.getMonth() + 1, day: date.getDate() }, `${pattern}: ${text}`);
      }),
      { numRuns: 2000, seed: 1202 },
    );
  });

  it('read back times of day date-fns writes, 24-hour and 12-hour, with seconds', () => {
    fc.assert(
      fc.property(day, fc.integer({ min: 0, max: 86399 }), fc.constantFrom('HH:mm', 'H:mm', 'HH:mm:ss', 'h:mm a', 'h:mma', 'h:mm aaa'), (date, seconds, pattern) => {
        const at = new Date(date.getFullYear(), date.getMonth(), date.getDate(), Math.floor(seconds / 3600), Math.floor((seconds % 3600) / 60), seconds % 60);
        const text = format(at, pattern);
        const [time] = findTimes(text);
        const want = at.getHours() * 3600 + at.getMinutes() * 60 + (pattern.includes('ss') ? at.getSeconds() : 0);
        assert.equal(time?.seconds, want, `${pattern}: ${text}`);
      }),
      { numRuns: 3000, seed: 1203 },
    );
  });

  it('read back the durations date-fns writes in words', () => {
    fc.assert(
      fc.property(fc.record({ days: fc.integer({ min: 0, max: 9 }), hours: fc.integer({ min: 0, max: 23 }), minutes: fc.integer({ min: 0, max: 59 }) }), (duration) => {
        const text = formatDuration(duration, { zero: false });
        fc.pre(text !== '');
        const want = duration.days * 86400 + duration.hours * 3600 + duration.minutes * 60;
        assert.equal(findDuration(text)?.seconds, want, text);
      }),
      { numRuns: 2000, seed: 1204 },
    );
  });
});

describe('the quick reading of common timeline times', () => {
  it('reads H:MM, HH:MM:SS and YYYY-MM-DD HH:MM[:SS] exactly as the general reading does', () => {
    const general = (text: string) => {
      // The general reading, past the quick one: the same text with a space after it is not a quick form.
      const reading = readTimelineMoment(`${text} `);
      return reading && 'moment' in reading ? { date: reading.moment.date, seconds: reading.moment.seconds } : reading;
    };
    const quick = (text: string) => {
      const reading = readTimelineMoment(text);
      return reading && 'moment' in reading ? { date: reading.moment.date, seconds: reading.moment.seconds } : reading;
    };
    const two = (n: number) => String(n).padStart(2, '0');
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 29 }), fc.integer({ min: 0, max: 69 }), fc.integer({ min: 0, max: 69 }), fc.integer({ min: 1999, max: 2030 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 }), (h, m, s, y, mo, d) => {
        for (const text of [`${h}:${two(m)}`, `${two(h)}:${two(m)}:${two(s)}`, `${y}-${two(mo)}-${two(d)} ${two(h)}:${two(m)}`, `${y}-${two(mo)}-${two(d)} ${two(h)}:${two(m)}:${two(s)}`]) {
          assert.deepEqual(quick(text), general(text), text);
        }
      }),
      { numRuns: 3000, seed: 1205 },
    );
  });

  it('finds every date in a text, in order, each once', () => {
    assert.deepEqual(findDates('from 2026-03-15 to 17 March 2026, reviewed on Mar 24', { order: 'auto' }).map((d) => d.text), ['2026-03-15', '17 March 2026', 'Mar 24']);
  });
});
