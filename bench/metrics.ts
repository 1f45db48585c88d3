/**
 * What the incident's numbers cost (issue 12's targets): computing them (milestones, metrics)
 * as a share of the full analysis of 1 MB, and after a keystroke outside the timeline, where
 * every row is the same object as before and its milestone is remembered.
 */
import type { PostmortemService } from '../server/src/service';
import { docNamed, type Doc } from './documents';
import type { BenchOptions } from './options';
import { ms, section, target } from './report';
import { sample, stats } from './stats';

export function metricsBench(docs: readonly Doc[], service: PostmortemService, { quick }: BenchOptions, results: Record<string, unknown>): void {
  const rows = section('The incident\'s numbers: analysis.metrics on a fresh analysis, and after a keystroke outside the timeline');
  const measured: Record<string, unknown> = {};
  for (const name of ['1MB', 'timeline-1MB']) {
    const d = docNamed(docs, name);
    const runs = quick ? 7 : 25;
    const metricTimes: number[] = [];
    const totalTimes: number[] = [];
    const timed = sample(
      () => {
        const t0 = performance.now();
        const analysis = service.analyze(d.text);
        service.diagnostics(analysis);
        totalTimes.push(performance.now() - t0);
        // The same again without the metrics, which the diagnostics computed above: their share.
        const again = service.analyze(d.text);
        // What the metrics read and the analysis has made anyway: the placed rows and the clock.
        void again.timelineOrder?.outOfOrder;
        void again.clock;
        const t1 = performance.now();
        void again.metrics;
        metricTimes.push(performance.now() - t1);
      },
      quick ? 2 : 5,
      runs,
    );
    const metric = stats(metricTimes.slice(metricTimes.length - timed.length));
    const total = stats(totalTimes.slice(totalTimes.length - timed.length));
    const share = (100 * metric.median) / total.median;

    // A keystroke in the lessons, far from the timeline: the session's rows are reused.
    const session = service.open(d.text);
    session.analysis();
    const lines = d.text.split('\n');
    const line = lines.findIndex((l) => /^## Lessons/.test(l)) + 2;
    const end = lines[line].length;
    let typed = false;
    const keystrokeTimes: number[] = [];
    const keystrokes = sample(
      () => {
        // Type a character, then take it back: the text stays the same size.
        session.apply([typed ? { range: { start: { line, character: end }, end: { line, character: end + 1 } }, text: '' } : { range: { start: { line, character: end }, end: { line, character: end } }, text: 'x' }]);
        typed = !typed;
        const analysis = session.analysis();
        void analysis.timelineOrder?.outOfOrder;
        const t0 = performance.now();
        void analysis.metrics;
        keystrokeTimes.push(performance.now() - t0);
      },
      quick ? 5 : 20,
      quick ? 30 : 200,
    );
    const keystroke = stats(keystrokeTimes.slice(keystrokeTimes.length - keystrokes.length));
    measured[name] = { metrics: metric, total, sharePercent: share, keystroke };
    // The target is the 1 MB document's; the 10,000-row timeline is the worst case, shown.
    rows.push({ metric: `${name}: metrics / full analysis`, value: `${ms(metric.median)} / ${ms(total.median)} = ${share.toFixed(1)}%`, ...(name === '1MB' ? target('metrics-share-1MB', share) : {}) });
    rows.push({ metric: `${name}: metrics after a keystroke outside the timeline (median, p95)`, value: `${ms(keystroke.median)}, ${ms(keystroke.p95)}`, ...target(`metrics-keystroke-${name}`, keystroke.median) });
  }
  results.metrics = measured;
}
