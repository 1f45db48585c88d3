/**
 * Deterministic generator of realistic post-mortems for the benchmark.
 *
 * The document follows the shipped template line by line: its sections, headings and field
 * lines, with about 30% of the template's placeholders left as they are and the rest filled with
 * values of the right kind. The size comes from the parts that grow in real post-mortems: the
 * timeline table, fenced log extracts, the black-box event list, action items and lessons
 * learned. Everything is drawn from a seeded PRNG, so a seed and a size give the same text on
 * every machine.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Random, subSeed } from '../test/support/random';

export const KB = 1024;
export const MB = 1024 * KB;

export type Shape = 'mixed' | 'timeline';

export interface GenerateOptions {
  /** Size of the document in UTF-8 bytes (reached within a line or so, except below the skeleton's size). */
  targetBytes: number;
  seed?: number;
  /** Share of the template's placeholders left unfilled. */
  unfilledShare?: number;
  /** 'mixed': growth spread over timeline, logs, events, actions, lessons. 'timeline': a single huge timeline. */
  shape?: Shape;
  /** Least number of timeline rows (the 'timeline' shape uses 10,000). */
  minTimelineRows?: number;
}

export interface BenchDocumentSpec {
  /** Short name used in tables and JSON. */
  name: string;
  targetBytes: number;
  shape: Shape;
  seed: number;
}

/** The documents of the benchmark. */
export const benchDocuments: readonly BenchDocumentSpec[] = [
  { name: '10KB', targetBytes: 10 * KB, shape: 'mixed', seed: 10 },
  { name: '100KB', targetBytes: 100 * KB, shape: 'mixed', seed: 100 },
  { name: '1MB', targetBytes: 1 * MB, shape: 'mixed', seed: 1000 },
  { name: '10MB', targetBytes: 10 * MB, shape: 'mixed', seed: 10000 },
  { name: 'timeline-1MB', targetBytes: 1 * MB, shape: 'timeline', seed: 4242 },
];

export const templatePath = join(__dirname, '..', 'templates', 'postmortem', 'postmortem-template.md');

export function loadTemplate(): string {
  return readFileSync(templatePath, 'utf8');
}

/** The random draws of the generator, with the vocabulary's `{slot}`s. */
class TextRandom extends Random {
  /** Fills `{svc}`-style slots of a pattern. */
  fill(pattern: string): string {
    return pattern.replace(/\{(\w+)\}/g, (_, slot: string) => this.slot(slot));
  }
  private slot(slot: string): string {
    switch (slot) {
      case 'svc':
        return this.pick(services);
      case 'db':
        return this.pick(databases);
      case 'topic':
        return this.pick(topics);
      case 'person':
        return this.pick(people);
      case 'first':
        return this.pick(people).split(' ')[0];
      case 'team':
        return this.pick(teams);
      case 'ms':
        return String(this.int(2, 120) * 50);
      case 'pct':
        return `${this.int(1, 99)}.${this.int(0, 9)}`;
      case 'n':
        return String(this.int(2, 64));
      case 'big':
        return this.int(1000, 99999).toLocaleString('en-US');
      case 'ver':
        return `v${this.int(3, 9)}.${this.int(0, 30)}.${this.int(0, 9)}`;
      case 'hash':
        return this.hex(8);
      case 'pod':
        return `${this.hex(5)}-${this.hex(5)}`;
      case 'acct':
        return `ACC-${this.int(10000, 99999)}`;
      case 'metric':
        return this.pick(metrics);
      case 'path':
        return this.pick(paths);
      default:
        throw new Error(`unknown slot ${slot}`);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Vocabulary

const services = [
  'orders-api', 'positions-api', 'pricing-engine', 'risk-service', 'market-data-gateway', 'matching-engine',
  'auth-service', 'ledger', 'settlement-worker', 'notification-service', 'fix-gateway', 'api-gateway',
  'portfolio-service', 'quote-cache', 'reporting-job', 'margin-calculator',
];
const databases = ['postgres-primary', 'postgres-replica-2', 'redis-cache', 'positions-db', 'orders-db', 'kafka-broker-3'];
const topics = ['orders.events', 'prices.ticks', 'positions.updates', 'risk.limits', 'audit.log'];
const people = [
  'Arjun Mehta', 'Dana Whitfield', 'Priya Raman', 'Tom Okafor', 'Lena Fischer', 'Marco Rossi', 'Sofia Alvarez',
  'Kenji Sato', 'Grace Liu', 'Omar Haddad', 'Chloé Martin', 'Jonas Berg',
];
const teams = ['SRE', 'Trading Platform', 'Data Platform', 'Customer Support', 'Security', 'Networking'];
const metrics = ['p99 latency', 'error rate', 'consumer lag', 'CPU', 'heap usage', 'connection pool waits', 'GC pause time'];
const paths = ['/v1/orders', '/v1/positions', '/v2/quotes', '/v1/accounts/{id}/margin', '/healthz', '/v1/fills'];

const timelineEvents = [
  '{metric} on {svc} too high',
  'p99 latency on {svc} at {ms}ms',
  '{svc} error rate at {pct}%',
  'Pod {svc}-{pod} restarted (OOMKilled)',
  'Connection pool exhausted on {svc}',
  'Failover of {db} started',
  'Support reports failed orders',
  'Deploy of {svc} {ver} started',
  'Consumer lag on {topic} at {big} messages',
  'Circuit breaker opened for {svc}',
  'Circuit breaker half-open for {svc}',
  'Cache hit rate on {db} fell to {pct}%',
  'Disk usage on {db} at {pct}%',
  '5xx responses on {path} from {svc}',
  'Retry storm from {svc} against {db}',
  'Status page updated',
  'Incident channel opened by {person}',
  '{team} joined the bridge',
  'Health checks failing on {svc}',
];
const timelineActions = [
  'Paged on-call engineer',
  'Checked dashboards',
  'Scaled {svc} to {n} replicas',
  'Restarted {svc}',
  'None',
  'Opened #inc-{hash}',
  'Rolled back {svc} to {ver}',
  'Raised pool size to {n}',
  'Posted status page update',
  'Watching {metric}',
  'Drained the node',
  'Paused {topic} consumers',
  'Escalated to {team}',
  'Took a heap dump',
];
const timelinePlaceholderComponents = ['[Component]', '[Team member]', '[Alerting system]'];
const timelinePlaceholderActions = [
  '[Detection method]', '[Initial response]', '[Diagnostic steps]', '[What was found]', '[Temporary fix]',
  '[Code/config change]', '[Verification steps]',
];
const milestones = [
  'Incident start', 'Alert triggered', 'Investigation began', 'Root cause identified', 'Mitigation implemented',
  'Permanent fix deployed', 'Service restored',
];

const logMessages: readonly (readonly [string, string])[] = [
  ['INFO', '{svc}: request completed path={path} status=200 duration_ms={ms} req_id={hash}'],
  ['INFO', '{svc}: order accepted account={acct} qty={n} req_id={hash}'],
  ['INFO', '{svc}: health check ok upstream={db}'],
  ['INFO', '{svc}: consumer group rebalanced topic={topic} partitions={n}'],
  ['DEBUG', '{svc}: cache miss key=pos:v2:acct:{acct} took {ms}µs'],
  ['DEBUG', '{svc}: pool stats active={n} idle=0 waiting={n}'],
  ['WARN', '{svc}: slow query on {db} took {ms}ms (threshold 500ms)'],
  ['WARN', '{svc}: retrying request to {db} attempt={n} backoff_ms={ms}'],
  ['WARN', '{svc}: consumer lag on {topic} is {big} messages'],
  ['WARN', '{svc}: circuit breaker half-open → probing {db}'],
  ['ERROR', '{svc}: upstream timeout after {ms}ms calling {db} req_id={hash}'],
  ['ERROR', '{svc}: could not acquire connection from pool (max_conn_pool=40) req_id={hash}'],
  ['ERROR', '{svc}: 503 Service Unavailable from {path} account={acct}'],
  ['ERROR', '{svc}: circuit breaker OPEN for {db} after {n} consecutive failures'],
];
const stackFrames = [
  '    at PoolClient.acquire (node_modules/pg-pool/index.js:45:11)',
  '    at OrdersRepository.insert (src/orders/repository.ts:212:17)',
  '    at async OrdersService.submit (src/orders/service.ts:88:5)',
  '    at async Router.handle (src/http/router.ts:131:9)',
];

const eventMessages = [
  'circuit breaker OPEN',
  'heartbeat missed ({n} in a row)',
  'replication lag on {db} at {ms}ms',
  'degradation level raised to {n}',
  'restarted by watchdog',
  'position snapshot written ({big} positions)',
  'risk limits reloaded',
  'rejected order {hash}: stale price',
]

const actionItems = [
  'Add an alert on {metric} for {svc}',
  'Raise max_conn_pool on {svc} and load-test it',
  'Canary releases of {svc} by traffic share',
  'Write a runbook for {db} failover',
  'Add request coalescing to {svc}',
  'Dual-read old cache keys during key migrations in {svc}',
  'Move the reporting job off {db}',
  'Shorten the 5xx alert window to 5 minutes',
  'Add a chaos test that kills {db} during market hours',
  'Document the rollback command for {svc}',
  'Review circuit breaker thresholds of {svc}',
  'Add {metric} to the {svc} dashboard',
];
const lessonTopics = [
  'Rollback', 'Alerting', 'Review', 'Capacity', 'Runbooks', 'On-call handover', 'Cache warm-up', 'Communication',
  'Dashboards', 'Canary releases', 'Dependency limits', 'Load testing',
];
const lessonTexts = [
  'fast and boring; keep rollbacks one command',
  'the {metric} alert on {svc} fired {n} minutes late; tune the window',
  'nobody saw the impact of the change on {db}; ask for a capacity note on risky changes',
  '{svc} had no headroom at market open; plan for {n}x peak',
  'the runbook for {db} was out of date; review runbooks each quarter',
  '{team} joined late because the page went to the wrong rotation',
  'status page updates every {n} minutes kept support informed',
];
const sentences = [
  'Release {ver} of {svc} changed how connections to {db} are pooled, and the pool ran dry under market-open load.',
  'About {big} requests to {path} failed or timed out while {svc} waited for {db}.',
  'The on-call engineer ({first}) rolled back {svc} to {ver} after {n} minutes of investigation.',
  'Consumer lag on {topic} reached {big} messages, so positions were up to {n} minutes stale.',
  '{team} confirmed the fix with synthetic orders before closing the incident.',
  'Clients saw "Could not load positions" and support received {n} tickets.',
  'The circuit breaker on {svc} opened as designed and stopped the retry storm from reaching {db}.',
  '{metric} on {svc} stayed above the threshold for {n} minutes before anyone was paged.',
];
const notes = [
  'Orders rejected for {n} minutes',
  'Positions up to {n} minutes stale',
  '{svc} pool exhausted at market open',
  '{big} failed requests on {path}',
  '{n} support tickets',
  '{db} at {pct}% CPU',
  'Rollback to {ver} took {n} minutes',
  'Alert fired {n} minutes late',
  'No alert on {metric}',
  'Runbook for {db} out of date',
  'Breaker on {svc} opened as designed',
  '{team} paged late',
];
const shortPhrases = [
  'Pool sizing', 'No hit-rate alert', 'Review', 'Rollback', 'Stale runbook', 'Market open', 'Retry storm',
  'Cold cache', 'Slow alert', 'Manual failover',
];

// ---------------------------------------------------------------------------------------------
// Field values

const severityValues = ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW', 'HIGH (orders rejected)', 'MEDIUM - partial degradation'];

/** A short note, as authors fill most placeholders. */
function note(r: TextRandom): string {
  return r.fill(r.pick(notes));
}

/** A full sentence, capitalised. */
function sentence(r: TextRandom): string {
  return r.fill(r.pick(sentences)).replace(/^./, (c) => c.toUpperCase());
}

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}

function isoDate(ms: number): string {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}`;
}

function dateHms(ms: number): string {
  const d = new Date(ms);
  return `${isoDate(ms)} ${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())}`;
}

function isoSeconds(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** A value for a field, by its label, as an author would write it. */
function fieldValue(r: TextRandom, label: string, ctx: Context): string {
  switch (label.toLowerCase()) {
    case 'incident id':
      return `INC-${isoDate(ctx.start).replace(/-/g, '')}-${pad2(r.int(1, 40))}`;
    case 'date/time': {
      const end = new Date(ctx.end);
      return `${isoDate(ctx.start)} ${dateHms(ctx.start).slice(11, 16)} - ${pad2(end.getUTCHours())}:${pad2(end.getUTCMinutes())} UTC`;
    }
    case 'duration': {
      const minutes = Math.round((ctx.end - ctx.start) / 60000);
      return `${Math.floor(minutes / 60)}h ${minutes % 60}m`;
    }
    case 'severity':
      return r.pick(severityValues);
    case 'circuit breaker trips':
    case 'false positive alerts':
      return String(r.int(0, 12));
    case 'retry attempts':
      return `${r.int(100, 40000).toLocaleString('en-US')} successful / ${r.int(10, 900)} failed`;
    case 'state recovery time':
      return `${r.int(5, 600)} seconds`;
    case 'data loss':
      return r.pick(['None', `${r.int(1, 400)} orders replayed from the journal`, 'n/a']);
    case 'cpu usage':
    case 'memory usage':
    case 'error rate':
    case 'risk reduction achieved':
      return `${r.int(1, 99)}${r.chance(0.3) ? `.${r.int(0, 9)}` : ''}%`;
    case 'network connections':
    case 'open positions':
    case 'active orders':
      return r.int(10, 60000).toLocaleString('en-US');
    case 'circuit breaker status':
      return r.pick(['OPEN on orders-api', 'CLOSED', 'HALF-OPEN (probing positions-db)', 'not configured']);
    case 'degradation level':
      return r.pick(['0 (normal)', '2 (read-only mode)', '3 (trading halted)']);
    case 'before fixes':
    case 'after fixes':
      return r.pick(['HIGH', 'MEDIUM', 'LOW']);
    case 'current risk level':
    case 'target risk level':
      return String(r.int(1, 10));
    case 'review date':
      return isoDate(ctx.end + r.int(7, 30) * 86400000);
    case 'attendees':
      return `${r.pick(people)}, ${r.pick(people)}, ${r.pick(people)}`;
    case 'category':
      return r.pick(['Infrastructure', 'Application', 'Network', 'Human Error']);
    case 'detection method':
      return ctx.section === 'incident classification'
        ? r.pick(['Alert', 'Monitoring', 'User Report', 'Automated Test'])
        : r.fill('{metric} alert on {svc}, {n} minutes after the start');
    case 'resolution method':
      return r.pick(['Code Fix', 'Config Change', 'Process Change', 'Infrastructure']);
    case 'api latency':
      return `p50 ${r.int(40, 900)}ms, p99 ${r.int(1, 12)}s at the peak`;
    case 'recovery time':
    case 'time to detection':
    case 'time to investigation':
    case 'time to diagnosis':
    case 'time to mitigation':
    case 'time to resolution':
      return `${r.int(1, 90)} minutes`;
    case 'incident commander':
    case 'technical lead':
    case 'business owner':
      return `${r.pick(people)} Date: ${isoDate(ctx.end + r.int(1, 6) * 86400000)}`;
    case 'primary cause':
      return sentence(r);
    default:
      return note(r);
  }
}

interface Context {
  /** Incident start and end, ms since 1970. */
  start: number;
  end: number;
  /** Key of the current ## section. */
  section: string;
}

// ---------------------------------------------------------------------------------------------
// Growing parts

type RegionName = 'timeline' | 'events' | 'logs' | 'actions-immediate' | 'actions-short' | 'actions-long' | 'lessons-well' | 'lessons-improved' | 'lessons-systemic';

const mixedWeights: Record<RegionName, number> = {
  timeline: 0.25,
  logs: 0.45,
  events: 0.08,
  'actions-immediate': 0.04,
  'actions-short': 0.05,
  'actions-long': 0.05,
  'lessons-well': 0.025,
  'lessons-improved': 0.03,
  'lessons-systemic': 0.025,
};

interface RegionInput {
  r: TextRandom;
  budget: number;
  unfilled: number;
  ctx: Context;
  minRows: number;
}

/** Emits lines until `budget` bytes are used, and at least `min` lines. */
function emit(budget: number, min: number, next: (index: number) => string): string[] {
  const lines: string[] = [];
  let bytes = 0;
  for (let i = 0; i < min || bytes < budget; i++) {
    const line = next(i);
    lines.push(line);
    bytes += utf8Length(line) + 1;
  }
  return lines;
}

const avgTimelineRowBytes = 100;

function timelineRows({ r, budget, unfilled, ctx, minRows }: RegionInput): string[] {
  // The expected number of rows places the milestones; the budget decides the actual number.
  const rows = Math.max(minRows, 7, Math.round(budget / avgTimelineRowBytes));
  const span = ctx.end - ctx.start;
  let t = ctx.start;
  const step = span / rows;
  let milestone = 0;
  return emit(budget, Math.max(minRows, 7), (i) => {
    // Milestones at their share of the way through, so they are in order and spread.
    const isMilestone = milestone < milestones.length && i >= Math.floor((milestone * (rows - 1)) / (milestones.length - 1));
    t += Math.max(1000, Math.round(step * (0.5 + r.next())));
    const time = dateHms(Math.round(t / 1000) * 1000);
    let event: string;
    let component: string;
    let action: string;
    if (isMilestone) {
      const name = milestones[milestone];
      event = r.chance(0.5) ? name : `${name}: ${r.fill(r.pick(timelineEvents)).replace(/^./, (c) => c.toLowerCase())}`;
      component = r.chance(unfilled) ? r.pick(timelinePlaceholderComponents) : r.pick(services);
      action = r.chance(unfilled) ? timelinePlaceholderActions[milestone] : r.fill(r.pick(timelineActions));
      milestone++;
    } else {
      event = r.fill(r.pick(timelineEvents));
      component = r.chance(0.08) ? r.pick(timelinePlaceholderComponents) : r.chance(0.3) ? r.fill('{first} (on-call)') : r.pick(services);
      action = r.chance(0.08) ? r.pick(timelinePlaceholderActions) : r.fill(r.pick(timelineActions));
    }
    return `| ${time} | ${event} | ${component} | ${action} |`;
  });
}

function eventLines({ r, budget, unfilled, ctx }: RegionInput): string[] {
  let t = ctx.start - 20 * 60000;
  const out = [r.chance(unfilled) ? '[Extract from black box recorder]' : `Extract from the black box recorder of ${r.pick(services)}:`];
  out.push(
    ...emit(budget, 3, (i) => {
      t += r.int(1, 40) * 1000;
      if (i < 3 && r.chance(unfilled)) return `- Event ${i + 1}: [Timestamp] [Component] [Message]`;
      return `- Event ${i + 1}: ${isoSeconds(t)} ${r.pick(services)} ${r.fill(r.pick(eventMessages))}`;
    }),
  );
  return ['```', ...out, '```'];
}

function logLine(r: TextRandom, t: number): string {
  const [level, message] = r.pick(logMessages);
  return `[${new Date(t).toISOString()}] [${level}] ${r.fill(message)}`;
}

function logBlocks({ r, budget, unfilled, ctx }: RegionInput): string[] {
  if (budget < 200 && r.chance(unfilled)) return ['```', '[Paste relevant log entries here]', '```'];
  const out: string[] = [];
  let t = ctx.start - 5 * 60000;
  let used = 0;
  let block = 0;
  while (used < budget || block === 0) {
    const chunk = Math.min(budget - used, r.int(80, 400) * KB);
    if (block > 0) {
      const intro = `From \`${r.pick(services)}\` (Loki, ${r.pick(['all pods', 'pod ' + r.fill('{pod}'), 'filtered to errors'])}):`;
      out.push('', intro, '');
      used += intro.length + 3;
    }
    const lines = emit(chunk - 8, 1, () => {
      t += r.int(0, 900);
      const line = logLine(r, t);
      // Now and then an error comes with its stack trace.
      return line.includes('[ERROR]') && r.chance(0.05) ? `${line}\n${stackFrames.join('\n')}` : line;
    });
    out.push('```text', ...lines, '```');
    for (const line of lines) used += utf8Length(line) + 1;
    used += 12;
    block++;
  }
  return out;
}

function actionLines(days: number) {
  return ({ r, budget, unfilled, ctx }: RegionInput): string[] =>
    emit(budget, 3, (i) => {
      if (i < 3 && r.chance(unfilled)) return '- [ ] [Action item] - [Owner] - [Due date]';
      // Later items are occasionally copied from the template and left half-done, as happens.
      if (r.chance(0.04)) return `- [ ] [Action item] - @${r.pick(people).split(' ')[0].toLowerCase()} - [Due date]`;
      const box = r.chance(0.2) ? 'x' : ' ';
      const owner = `@${r.pick(people).split(' ')[0].toLowerCase()}`;
      const due = isoDate(ctx.end + (days + r.int(0, days)) * 86400000);
      return `- [${box}] ${r.fill(r.pick(actionItems))} - ${owner} - ${due}`;
    });
}

function lessonLines(placeholder: string) {
  return ({ r, budget, unfilled }: RegionInput): string[] =>
    emit(budget, 3, (i) => {
      if (i < 3 && r.chance(unfilled)) return `${i + 1}. ${placeholder}`;
      return `${i + 1}. ${r.pick(lessonTopics)} - ${r.fill(r.pick(lessonTexts))}`;
    });
}

const regionWriters: Record<RegionName, (input: RegionInput) => string[]> = {
  timeline: timelineRows,
  events: eventLines,
  logs: logBlocks,
  'actions-immediate': actionLines(1),
  'actions-short': actionLines(7),
  'actions-long': actionLines(30),
  'lessons-well': lessonLines('[Positive aspect] - [Why it worked, how to maintain]'),
  'lessons-improved': lessonLines('[Issue] - [Impact, proposed solution]'),
  'lessons-systemic': lessonLines('[System issue] - [Root cause, long-term fix]'),
};

// ---------------------------------------------------------------------------------------------
// The skeleton: the template, filled in

type SkeletonLine = string | { region: RegionName };

const placeholderPattern = /\[([^[\]\n]*)\]/g;
const fieldLinePattern = /^(\s*(?:- )?)\*\*([^*]+)\*\*:(\s*)(.*)$/;
const codeFieldPattern = /^([A-Z][A-Za-z ]+): (\[.*\])$/;
const templateRow = /^\| \d\d:\d\d \|/;
const headingPattern = /^(#{1,6})\s+(.*)$/;

function isTemplatePlaceholder(inner: string): boolean {
  return inner.trim() !== '' && !/^[xX]$/.test(inner);
}

function skeleton(template: string, r: TextRandom, unfilled: number, ctx: Context): SkeletonLine[] {
  const lines = template.split(/\r\n|\r|\n/);
  const out: SkeletonLine[] = [];
  let section = '';
  let subsection = '';
  let inFence = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (line.startsWith('```')) {
      // Whole fenced blocks that grow are replaced by their region.
      if (!inFence && subsection === 'key events leading to incident') {
        i = closingFence(lines, i);
        out.push({ region: 'events' });
        continue;
      }
      if (!inFence && subsection === 'logs extract') {
        i = closingFence(lines, i);
        out.push({ region: 'logs' });
        continue;
      }
      inFence = !inFence;
      out.push(line);
      continue;
    }
    const heading = !inFence && headingPattern.exec(line);
    if (heading) {
      const level = heading[1].length;
      const key = heading[2].replace(/:.*$/, '').trim().toLowerCase();
      if (level === 1) {
        out.push(`# Post-Mortem: ${r.fill(r.pick(['{svc} outage at market open', 'Connection pool exhaustion on {db}', 'Stale positions after {topic} consumer lag', 'Failed orders during {svc} rollout']))}`);
        continue;
      }
      if (level === 2) {
        section = key;
        subsection = '';
      } else subsection = key;
      // "### Review Date: [Date, ...]" is a field written as a heading.
      out.push(fillPlaceholders(line, r, unfilled, () => fieldValue(r, 'review date', ctx)));
      continue;
    }
    ctx.section = section;
    if (section === 'timeline' && templateRow.test(line)) {
      while (i + 1 < lines.length && templateRow.test(lines[i + 1])) i++;
      out.push({ region: 'timeline' });
      continue;
    }
    if (section === 'action items' && line.startsWith('- [ ] [Action item]')) {
      while (i + 1 < lines.length && lines[i + 1].startsWith('- [ ] [Action item]')) i++;
      out.push({ region: subsection.startsWith('immediate') ? 'actions-immediate' : subsection.startsWith('short') ? 'actions-short' : 'actions-long' });
      continue;
    }
    if (section === 'lessons learned' && /^\d+\. \[/.test(line)) {
      while (i + 1 < lines.length && /^\d+\. \[/.test(lines[i + 1])) i++;
      out.push({ region: subsection === 'what went well' ? 'lessons-well' : subsection === 'what could be improved' ? 'lessons-improved' : 'lessons-systemic' });
      continue;
    }
    const field = fieldLinePattern.exec(line);
    if (field) {
      const [, indent, label, space, value] = field;
      if (value.startsWith('___')) {
        // Approval lines: "**Incident Commander**: ____ Date: ____".
        out.push(r.chance(unfilled) ? line : `${indent}**${label}**:${space}${fieldValue(r, label, ctx)}`);
      } else if (value.includes('[') && !r.chance(unfilled)) {
        out.push(`${indent}**${label}**:${space}${fieldValue(r, label, ctx)}`);
      } else out.push(line);
      continue;
    }
    const codeField = inFence && codeFieldPattern.exec(line);
    if (codeField) {
      out.push(r.chance(unfilled) ? line : `${codeField[1]}: ${fieldValue(r, codeField[1], ctx)}`);
      continue;
    }
    // The description under "What Happened?" is prose; list items are notes.
    const prose = subsection === 'what happened?';
    out.push(fillPlaceholders(line, r, unfilled, () => (prose ? `${sentence(r)} ${sentence(r)} ${sentence(r)}` : note(r))));
  }
  return out;
}

function closingFence(lines: string[], open: number): number {
  for (let j = open + 1; j < lines.length; j++) if (lines[j].startsWith('```')) return j;
  return lines.length - 1;
}

/** Fills each template placeholder on a line, or leaves it (with probability `unfilled`). */
function fillPlaceholders(line: string, r: TextRandom, unfilled: number, value: () => string): string {
  return line.replace(placeholderPattern, (whole, inner: string, offset: number) => {
    if (!isTemplatePlaceholder(inner) || r.chance(unfilled)) return whole;
    // "[Factor 1] - [Explanation]": a short name before " - ", a sentence after.
    const before = line.slice(offset + whole.length, offset + whole.length + 3) === ' - ';
    return before ? r.pick(shortPhrases) : value();
  });
}

function utf8Length(s: string): number {
  return Buffer.byteLength(s, 'utf8');
}

// ---------------------------------------------------------------------------------------------

/** A post-mortem of the template's shape of about `targetBytes` UTF-8 bytes. */
export function generatePostmortem(template: string, options: GenerateOptions): string {
  const seed = options.seed ?? 1;
  const unfilled = options.unfilledShare ?? 0.3;
  const shape = options.shape ?? 'mixed';
  const r = new TextRandom(seed);
  // The incident: a start on a weekday in November 2026, lasting 40 minutes to many hours (a
  // long timeline needs a long incident for its rows to stay seconds apart).
  const start = Date.UTC(2026, 10, r.int(2, 26), r.int(0, 23), r.int(0, 59), r.int(0, 59));
  const minRows = options.minTimelineRows ?? (shape === 'timeline' ? 10000 : 0);
  const rowsGuess = Math.max(minRows, (options.targetBytes * (shape === 'timeline' ? 1 : mixedWeights.timeline)) / avgTimelineRowBytes);
  const end = start + Math.max(40 * 60000, rowsGuess * 15000);
  const ctx: Context = { start, end, section: '' };

  const skel = skeleton(template, r, unfilled, ctx);
  let skeletonBytes = 0;
  for (const line of skel) if (typeof line === 'string') skeletonBytes += utf8Length(line) + 1;
  const growth = Math.max(0, options.targetBytes - skeletonBytes);
  const weights: Partial<Record<RegionName, number>> = shape === 'timeline' ? { timeline: 1 } : mixedWeights;

  const out: string[] = [];
  for (const line of skel) {
    if (typeof line === 'string') {
      out.push(line);
      continue;
    }
    const name = line.region;
    const rr = new TextRandom(subSeed(seed, name));
    const budget = Math.floor(growth * (weights[name] ?? 0));
    out.push(...regionWriters[name]({ r: rr, budget, unfilled, ctx, minRows: name === 'timeline' ? minRows : 0 }));
  }
  return out.join('\n');
}

/** The documents of the benchmark, generated from the template. */
export function generateBenchDocument(template: string, spec: BenchDocumentSpec): string {
  return generatePostmortem(template, { targetBytes: spec.targetBytes, seed: spec.seed, shape: spec.shape });
}
