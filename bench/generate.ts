/**
 * Deterministic generator of realistic post-mortems for the benchmark.
 *
 * The document follows a template line by line: its sections, headings and field lines, with
 * about 30% of the template's placeholders left as they are and the rest filled with values of
 * the right kind. What a field is (its kind, allowed values, range, parts), the timeline's
 * columns and milestones and the title's prefix come from the template's schema; the lines to
 * repeat or leave unfilled come from the template itself. The size comes from the parts that
 * grow in real post-mortems: the timeline table, fenced log extracts, the black-box event list,
 * action items and lessons learned (in the template: the timeline's example rows, a fenced
 * block of list items, a fenced block of placeholders alone, runs of identical checklist and
 * numbered items). Everything is drawn from a seeded PRNG, so a seed and a size give the same
 * text on every machine.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createPostmortemService, type PostmortemService } from '../server/src/service';
import { Random, subSeed } from '../test/support/random';

export const KB = 1024;
export const MB = 1024 * KB;

/**
 * Where the growth goes. 'mixed': spread over timeline, logs, events, actions, lessons.
 * 'timeline': a single huge timeline. 'logs': long fenced log extracts (and black-box events).
 * 'placeholders': action items, lessons and timeline rows, many left as the template's.
 */
export type Shape = 'mixed' | 'timeline' | 'logs' | 'placeholders';

export interface GenerateOptions {
  /** Size of the document in UTF-8 bytes (reached within a line or so, except below the skeleton's size). */
  targetBytes: number;
  seed?: number;
  /** Share of the template's placeholders left unfilled. */
  unfilledShare?: number;
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

/** The template's schema, as the language service reads it. */
export type TemplateSchema = PostmortemService['template']['schema'];
type FieldSpec = TemplateSchema['fields'][number];
type FieldPart = NonNullable<FieldSpec['parts']>[number];

/** A template to generate from: its Markdown and its schema. */
export interface BenchTemplate {
  text: string;
  schema: TemplateSchema;
}

export const templatePath = join(__dirname, '..', 'templates', 'postmortem', 'postmortem-template.md');
export const schemaPath = templatePath.replace(/\.md$/, '.schema.yaml');

/** The shipped template and its schema (read by the language service's own reader), with the schema's YAML. */
export function loadBenchTemplate(): BenchTemplate & { schemaText: string } {
  const text = readFileSync(templatePath, 'utf8');
  const schemaText = readFileSync(schemaPath, 'utf8');
  return { text, schemaText, schema: createPostmortemService(text, schemaText).template.schema };
}

// ---------------------------------------------------------------------------------------------
// Random draws

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
];

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

/** Notes written after a choice's value ("HIGH (orders rejected)"): none is a value or alias of a choice. */
const choiceNotes = [' (orders rejected)', ' - partial degradation', ' (customer impact)', ', confirmed at the review'];

// ---------------------------------------------------------------------------------------------
// Field values

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

const day = 86400000;

/** A value of a field's kind as an author would write it; a field the schema does not know is text. */
function fieldValue(r: TextRandom, field: FieldSpec | FieldPart | undefined, ctx: Context): string {
  let value: string;
  switch (field?.kind) {
    case 'id':
      value = ctx.schema.newDocument.idFormat.replace('{date}', isoDate(ctx.start).replace(/-/g, '')).replace('{seq}', pad2(r.int(1, 40)));
      break;
    case 'datetime': {
      const end = new Date(ctx.end);
      value = `${isoDate(ctx.start)} ${dateHms(ctx.start).slice(11, 16)} - ${pad2(end.getUTCHours())}:${pad2(end.getUTCMinutes())} UTC`;
      break;
    }
    case 'duration': {
      const minutes = Math.round((ctx.end - ctx.start) / 60000);
      value = `${Math.floor(minutes / 60)}h ${minutes % 60}m`;
      break;
    }
    case 'date':
      value = field.afterIncident ? isoDate(ctx.end + r.int(1, 30) * day) : isoDate(ctx.start);
      break;
    case 'choice': {
      const { values = [] } = field as FieldSpec;
      value = r.pick(values).value + (r.chance(1 / 3) ? r.pick(choiceNotes) : '');
      break;
    }
    case 'number': {
      const { min = 0, max } = field as FieldSpec;
      // A count is a small one (alerts, trips) or a large one (connections, orders).
      value = max !== undefined ? String(r.int(min, max)) : (r.chance(0.5) ? r.int(min, min + 12) : r.int(10, 60000)).toLocaleString('en-US');
      break;
    }
    case 'percentage': {
      const max = Math.min(100, (field as FieldSpec).max ?? 100);
      value = `${r.int(1, max - 1)}${r.chance(0.3) ? `.${r.int(0, 9)}` : ''}%`;
      break;
    }
    case 'person':
      value = 'parts' in field && field.parts?.length ? r.pick(people) : Array.from({ length: r.int(1, 3) }, () => r.pick(people)).join(', ');
      break;
    default:
      value = note(r);
  }
  // "**Incident Commander**: ____ Date: ____": the parts after the field's own value.
  for (const part of ('parts' in (field ?? {}) ? (field as FieldSpec).parts : undefined) ?? []) value += ` ${part.label}: ${fieldValue(r, part, ctx)}`;
  return value;
}

interface Context {
  schema: TemplateSchema;
  /** Incident start and end, ms since 1970. */
  start: number;
  end: number;
}

const key = (s: string) => s.trim().replace(/\s+/g, ' ').toLowerCase();

/** The schema's field of a label on a line under these headings (keys, outermost first). */
function fieldOf(schema: TemplateSchema, label: string, headings: readonly string[]): FieldSpec | undefined {
  return schema.fields.find((f) => key(f.label) === key(label) && (f.section === undefined || headings.includes(key(f.section))));
}

// ---------------------------------------------------------------------------------------------
// Growing parts

type RegionKind = 'timeline' | 'events' | 'logs' | 'checklist' | 'numbered';

/** A part of the template that grows: the template's lines it stands for, and its place among the parts of its kind. */
interface Region {
  kind: RegionKind;
  /** Seeds the region's draws: `${kind}-${index}`. */
  name: string;
  /** Among the regions of its kind in its section (the first checklist of Action Items is the next day's). */
  indexInSection: number;
  lines: string[];
  /** For the timeline: the column of each cell, from the template's header row. */
  columns?: (TimelineRole | undefined)[];
}

type TimelineRole = keyof NonNullable<TemplateSchema['timeline']>['columns'];

/** The share of the growth of each kind of region, split evenly among the regions of a kind. */
const shapeWeights: Record<Shape, Partial<Record<RegionKind, number>>> = {
  mixed: { timeline: 0.25, logs: 0.45, events: 0.08, checklist: 0.14, numbered: 0.08 },
  timeline: { timeline: 1 },
  logs: { logs: 0.9, events: 0.1 },
  placeholders: { checklist: 0.45, numbered: 0.35, timeline: 0.2 },
};

/**
 * The share of grown lines (after the template's own three) left as the template wrote them:
 * undefined for the usual shapes (then 8% of the timeline's cells and 4% of the action items,
 * half done); the 'placeholders' shape leaves 30% of everything.
 */
const lateUnfilled: Partial<Record<Shape, number>> = { placeholders: 0.3 };

interface RegionInput {
  r: TextRandom;
  budget: number;
  unfilled: number;
  /** See lateUnfilled. */
  late?: number;
  ctx: Context;
  minRows: number;
  region: Region;
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

const splitRow = (line: string) => line.trim().replace(/^\||\|$/g, '').split('|').map((c) => c.trim());

function timelineRows({ r, budget, unfilled, late, ctx, minRows, region }: RegionInput): string[] {
  const { milestones } = ctx.schema.timeline!;
  const columns = region.columns!;
  // The template's example rows: their placeholders, by column.
  const examples = region.lines.map(splitRow);
  const cellsOf = (role: TimelineRole) => examples.map((cells) => cells[columns.indexOf(role)] ?? '').filter((c) => /^\[.*\]$/.test(c));
  const placeholderComponents = [...new Set(cellsOf('component'))];
  const placeholderActions = cellsOf('action');
  const placeholderChance = late ?? 0.08;
  // The expected number of rows places the milestones; the budget decides the actual number.
  const rows = Math.max(minRows, milestones.length, Math.round(budget / avgTimelineRowBytes));
  const span = ctx.end - ctx.start;
  let t = ctx.start;
  const step = span / rows;
  let milestone = 0;
  return emit(budget, Math.max(minRows, milestones.length), (i) => {
    // Milestones at their share of the way through, so they are in order and spread.
    const isMilestone = milestone < milestones.length && i >= Math.floor((milestone * (rows - 1)) / (milestones.length - 1));
    t += Math.max(1000, Math.round(step * (0.5 + r.next())));
    const at = Math.round(t / 1000) * 1000;
    let event: string;
    let component: string;
    let action: string;
    if (isMilestone) {
      const name = milestones[milestone].value;
      event = r.chance(0.5) ? name : `${name}: ${r.fill(r.pick(timelineEvents)).replace(/^./, (c) => c.toLowerCase())}`;
      component = r.chance(unfilled) && placeholderComponents.length ? r.pick(placeholderComponents) : r.pick(services);
      action = r.chance(unfilled) && placeholderActions.length ? placeholderActions[milestone % placeholderActions.length] : r.fill(r.pick(timelineActions));
      milestone++;
    } else {
      event = r.fill(r.pick(timelineEvents));
      component = r.chance(placeholderChance) && placeholderComponents.length ? r.pick(placeholderComponents) : r.chance(0.3) ? r.fill('{first} (on-call)') : r.pick(services);
      action = r.chance(placeholderChance) && placeholderActions.length ? r.pick(placeholderActions) : r.fill(r.pick(timelineActions));
    }
    const hasDate = columns.includes('date');
    const cell = (role: TimelineRole | undefined): string => {
      switch (role) {
        case 'time':
          return hasDate ? dateHms(at).slice(11) : dateHms(at);
        case 'date':
          return isoDate(at);
        case 'event':
          return event;
        case 'component':
          return component;
        case 'action':
          return action;
        default:
          return note(r);
      }
    };
    return `| ${columns.map(cell).join(' | ')} |`;
  });
}

/** A fenced block of an intro line and list items ("- Event 1: [Timestamp] [Component] [Message]"). */
function eventLines({ r, budget, unfilled, ctx, region }: RegionInput): string[] {
  const [open, ...content] = region.lines;
  const close = content.pop()!;
  const intro = content.filter((l) => !/^\s*- /.test(l));
  const item = content.find((l) => /^\s*- /.test(l)) ?? '- [Event]';
  // "- Event 1: " and its number, renumbered for each item.
  const prefix = item.slice(0, Math.max(0, item.indexOf('[')));
  const numbered = (line: string, n: number) => line.replace(/\d+/, String(n));
  let t = ctx.start - 20 * 60000;
  const out = intro.map((line) => (r.chance(unfilled) ? line : `Extract from the black box recorder of ${r.pick(services)}:`));
  out.push(
    ...emit(budget, 3, (i) => {
      t += r.int(1, 40) * 1000;
      if (i < 3 && r.chance(unfilled)) return numbered(item, i + 1);
      return `${numbered(prefix, i + 1)}${isoSeconds(t)} ${r.pick(services)} ${r.fill(r.pick(eventMessages))}`;
    }),
  );
  return [open, ...out, close];
}

function logLine(r: TextRandom, t: number): string {
  const [level, message] = r.pick(logMessages);
  return `[${new Date(t).toISOString()}] [${level}] ${r.fill(message)}`;
}

/** A fenced block of placeholders alone ("[Paste relevant log entries here]"): log extracts. */
function logBlocks({ r, budget, unfilled, ctx, region }: RegionInput): string[] {
  if (budget < 200 && r.chance(unfilled)) return region.lines;
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

/** Replaces the placeholders of a line in order by `values` (undefined: left as it is). */
function fillInOrder(line: string, values: readonly (string | undefined)[]): string {
  let k = 0;
  return line.replace(placeholderPattern, (whole) => values[k++] ?? whole);
}

/** The template's item ("- [ ] [Action item] - [Owner] - [Due date]"): what, who, when. */
const dueDays = [1, 7, 30];

function checklistLines({ r, budget, unfilled, late, ctx, region }: RegionInput): string[] {
  const [item] = region.lines;
  const marker = /^(\s*[-*+] \[[ xX]\] )/.exec(item)?.[1] ?? '- [ ] ';
  const body = item.slice(marker.length);
  const days = dueDays[region.indexInSection] ?? dueDays[dueDays.length - 1];
  return emit(budget, 3, (i) => {
    if ((i < 3 && r.chance(unfilled)) || (i >= 3 && late !== undefined && r.chance(late))) return item;
    const owner = `@${r.pick(people).split(' ')[0].toLowerCase()}`;
    // Later items are occasionally copied from the template and left half-done, as happens.
    if (late === undefined && r.chance(0.04)) return `${marker}${fillInOrder(body, [undefined, owner])}`;
    const box = r.chance(0.2) ? 'x' : ' ';
    const due = isoDate(ctx.end + (days + r.int(0, days)) * day);
    return `${marker.replace(/\[[ xX]\]/, `[${box}]`)}${fillInOrder(body, [r.fill(r.pick(actionItems)), owner, due])}`;
  });
}

/** The template's item ("1. [Positive aspect] - [Why it worked, how to maintain]"): a topic and what was learned. */
function numberedLines({ r, budget, unfilled, late, region }: RegionInput): string[] {
  const [item] = region.lines;
  const number = /^(\s*)\d+([.)] )/.exec(item)!;
  const body = item.slice(number[0].length);
  return emit(budget, 3, (i) => {
    const n = `${number[1]}${i + 1}${number[2]}`;
    if ((i < 3 && r.chance(unfilled)) || (i >= 3 && late !== undefined && r.chance(late))) return `${n}${body}`;
    return `${n}${fillInOrder(body, [r.pick(lessonTopics), r.fill(r.pick(lessonTexts))])}`;
  });
}

const regionWriters: Record<RegionKind, (input: RegionInput) => string[]> = {
  timeline: timelineRows,
  events: eventLines,
  logs: logBlocks,
  checklist: checklistLines,
  numbered: numberedLines,
};

// ---------------------------------------------------------------------------------------------
// The skeleton: the template, filled in

type SkeletonLine = string | Region;

const placeholderPattern = /\[([^[\]\n]*)\]/g;
const fieldLinePattern = /^(\s*(?:- )?)\*\*([^*]+)\*\*:(\s*)(.*)$/;
const codeFieldPattern = /^([A-Z][A-Za-z ]+): (\[.*\])$/;
const headingPattern = /^(#{1,6})\s+(.*)$/;
const tableRowPattern = /^\s*\|.*\|\s*$/;
const tableSeparatorPattern = /^\s*\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?\s*$/;
const listItemPattern = /^\s*(?:[-*+] \[[ xX]\] |\d+[.)] )/;
const fencePattern = /^\s*(```|~~~)/;

function isTemplatePlaceholder(inner: string): boolean {
  return inner.trim() !== '' && !/^[xX]$/.test(inner);
}

/** A list item with its number taken out, to find the template's runs of identical items. */
const itemKey = (line: string) => line.replace(/^(\s*)\d+([.)] )/, '$1#$2');

/** The timeline column of a header cell, by the schema's column names and their aliases. */
function timelineRole(schema: TemplateSchema, header: string): TimelineRole | undefined {
  const timeline = schema.timeline!;
  for (const [role, name] of Object.entries(timeline.columns) as [TimelineRole, string | undefined][]) {
    if (name !== undefined && key(name) === key(header)) return role;
  }
  for (const [role, aliases] of Object.entries(timeline.columnAliases) as [TimelineRole, string[] | undefined][]) {
    if (aliases?.some((a) => key(a) === key(header))) return role;
  }
  return undefined;
}

function skeleton(template: BenchTemplate, r: TextRandom, unfilled: number, ctx: Context): SkeletonLine[] {
  const { schema } = template;
  const lines = template.text.split(/\r\n|\r|\n/);
  const out: SkeletonLine[] = [];
  /** Heading keys from ## down (the title is left out). */
  const headings: string[] = [];
  const requiredPaths = new Set(schema.requiredSections.map((name) => name.split('>').map(key).join(' > ')));
  const counts = new Map<RegionKind, number>();
  const inSection = new Map<string, number>();
  const region = (kind: RegionKind, regionLines: string[], extra: Partial<Region> = {}): Region => {
    const index = counts.get(kind) ?? 0;
    counts.set(kind, index + 1);
    const sectionKey = `${headings[0] ?? ''}/${kind}`;
    const indexInSection = inSection.get(sectionKey) ?? 0;
    inSection.set(sectionKey, indexInSection + 1);
    return { kind, name: `${kind}-${index}`, indexInSection, lines: regionLines, ...extra };
  };
  let timelineColumns: (TimelineRole | undefined)[] | undefined;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (fencePattern.test(line)) {
      const close = closingFence(lines, i);
      const block = lines.slice(i, close + 1);
      const content = block.slice(1, -1).filter((l) => l.trim() !== '');
      const placeholdersOnly = content.length > 0 && content.every((l) => /^\s*\[[^\]]*\]\s*$/.test(l));
      const items = content.filter((l) => /^\s*- .*\[/.test(l));
      if (placeholdersOnly) out.push(region('logs', block));
      else if (items.length > 0) out.push(region('events', block));
      else {
        // A block of `Label: [value]` lines.
        out.push(line);
        for (const inner of block.slice(1, -1)) {
          const codeField = codeFieldPattern.exec(inner);
          out.push(codeField && !r.chance(unfilled) ? `${codeField[1]}: ${fieldValue(r, fieldOf(schema, codeField[1], headings), ctx)}` : inner);
        }
        out.push(block[block.length - 1]);
      }
      i = close;
      continue;
    }
    const heading = headingPattern.exec(line);
    if (heading) {
      const level = heading[1].length;
      const text = heading[2];
      if (level === 1) {
        out.push(`# ${schema.newDocument.titlePrefix}${r.fill(r.pick(['{svc} outage at market open', 'Connection pool exhaustion on {db}', 'Stale positions after {topic} consumer lag', 'Failed orders during {svc} rollout']))}`);
        continue;
      }
      headings.length = Math.max(0, level - 2);
      headings.push(key(text.replace(/:.*$/, '')));
      // "### Review Date: [Date, ...]" is a field written as a heading.
      const label = /^([^:[]+):/.exec(text)?.[1];
      const field = label !== undefined ? fieldOf(schema, label, headings) : undefined;
      out.push(fillPlaceholders(line, r, unfilled, () => fieldValue(r, field, ctx)));
      continue;
    }
    // The timeline: its header and separator as they are; its example rows grow.
    if (schema.timeline && headings[0] === key(schema.timeline.section) && tableRowPattern.test(line)) {
      if (timelineColumns === undefined) {
        timelineColumns = splitRow(line).map((cell) => timelineRole(schema, cell));
        out.push(line);
        continue;
      }
      if (tableSeparatorPattern.test(line)) {
        out.push(line);
        continue;
      }
      const rows = [line];
      while (i + 1 < lines.length && tableRowPattern.test(lines[i + 1])) rows.push(lines[++i]);
      out.push(region('timeline', rows, { columns: timelineColumns }));
      continue;
    }
    // A run of identical list items (numbers aside): the template's example items, which grow.
    if (listItemPattern.test(line) && i + 1 < lines.length && itemKey(lines[i + 1]) === itemKey(line)) {
      const run = [line];
      while (i + 1 < lines.length && itemKey(lines[i + 1]) === itemKey(line)) run.push(lines[++i]);
      out.push(region(/^\s*\d/.test(line) ? 'numbered' : 'checklist', run));
      continue;
    }
    const field = fieldLinePattern.exec(line);
    if (field) {
      const [, indent, label, space, value] = field;
      const spec = fieldOf(schema, label, headings);
      if (value.startsWith('___')) {
        // Approval lines: "**Incident Commander**: ____ Date: ____".
        out.push(r.chance(unfilled) ? line : `${indent}**${label}**:${space}${fieldValue(r, spec, ctx)}`);
      } else if (value.includes('[') && !r.chance(unfilled)) {
        out.push(`${indent}**${label}**:${space}${fieldValue(r, spec, ctx)}`);
      } else out.push(line);
      continue;
    }
    // A placeholder alone on its line in a required section is a paragraph to write ("What
    // Happened?": "[Brief description...]"); others are notes.
    const prose = /^\[[^\]]*\]$/.test(line.trim()) && requiredPaths.has(headings.join(' > '));
    out.push(fillPlaceholders(line, r, unfilled, () => (prose ? `${sentence(r)} ${sentence(r)} ${sentence(r)}` : note(r))));
  }
  return out;
}

function closingFence(lines: string[], open: number): number {
  const fence = fencePattern.exec(lines[open])![1];
  for (let j = open + 1; j < lines.length; j++) if (lines[j].trimStart().startsWith(fence)) return j;
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
export function generatePostmortem(template: BenchTemplate, options: GenerateOptions): string {
  const seed = options.seed ?? 1;
  const unfilled = options.unfilledShare ?? 0.3;
  const shape = options.shape ?? 'mixed';
  const weights = shapeWeights[shape];
  const r = new TextRandom(seed);
  // The incident: a start on a weekday in November 2026, lasting 40 minutes to many hours (a
  // long timeline needs a long incident for its rows to stay seconds apart).
  const start = Date.UTC(2026, 10, r.int(2, 26), r.int(0, 23), r.int(0, 59), r.int(0, 59));
  const minRows = options.minTimelineRows ?? (shape === 'timeline' ? 10000 : 0);
  const rowsGuess = Math.max(minRows, (options.targetBytes * (weights.timeline ?? 0)) / avgTimelineRowBytes);
  const end = start + Math.max(40 * 60000, rowsGuess * 15000);
  const ctx: Context = { schema: template.schema, start, end };

  const skel = skeleton(template, r, unfilled, ctx);
  let skeletonBytes = 0;
  for (const line of skel) if (typeof line === 'string') skeletonBytes += utf8Length(line) + 1;
  const growth = Math.max(0, options.targetBytes - skeletonBytes);
  // Each kind's share, split among its regions; kinds the template lacks leave theirs to the others.
  const regions = skel.filter((l): l is Region => typeof l !== 'string');
  const present = new Set(regions.map((g) => g.kind));
  const total = Object.entries(weights).reduce((sum, [kind, w]) => sum + (present.has(kind as RegionKind) ? w : 0), 0);
  const share = (kind: RegionKind) => (total > 0 ? (weights[kind] ?? 0) / total / regions.filter((g) => g.kind === kind).length : 0);

  const out: string[] = [];
  for (const line of skel) {
    if (typeof line === 'string') {
      out.push(line);
      continue;
    }
    const rr = new TextRandom(subSeed(seed, line.name));
    const budget = Math.floor(growth * share(line.kind));
    out.push(...regionWriters[line.kind]({ r: rr, budget, unfilled, late: lateUnfilled[shape], ctx, minRows: line.kind === 'timeline' ? minRows : 0, region: line }));
  }
  return out.join('\n');
}

/** The documents of the benchmark, generated from the template. */
export function generateBenchDocument(template: BenchTemplate, spec: BenchDocumentSpec): string {
  return generatePostmortem(template, { targetBytes: spec.targetBytes, seed: spec.seed, shape: spec.shape });
}
