/**
 * Completion in an action item: its owner (the owners of this document's other items, and those
 * the workspace's post-mortems use), and its due date (the incident's last day plus the horizon
 * of the item's section, then the other horizons): `2026-11-21 (24 h)`.
 *
 * Offered on an owner or due placeholder (`[Owner]`, `[Due date]`), in the owner or due part
 * written, after `Owner:` or `Due:`, after a dash that ends the line once the text is written
 * (`- [ ] Fix it - `: the owner; `- [ ] Fix it - @a - `: the due date), and in a table's Owner
 * and Due cells.
 */
import { CompletionItemKind, type CompletionItem, type Position } from 'vscode-languageserver-types';
import { addMonths, type ActionItem } from '../actionItems/read';
import type { Analysis } from '../analysis';
import type { HorizonSpec } from '../template/schema';
import { dayNumber, dayText } from '../values/date';
import { dedupe } from './items';

export interface CompletionContext {
  /** Owners the workspace's other post-mortems name, most used first. */
  owners?: readonly string[];
}

type Slot = { kind: 'owner' | 'due'; line: number; start: number; end: number };

export function actionItemCompletions(analysis: Analysis, position: Position, now: Date, context: CompletionContext = {}): CompletionItem[] | undefined {
  const { items } = analysis.actionItems;
  const item = items.find((i) => i.line <= position.line && position.line <= i.lastLine);
  if (!item || item.state === 'done') return undefined;
  const slot = slotAt(analysis, item, position);
  if (!slot) return undefined;
  const line = analysis.doc.text.lines[slot.line];
  const placeholderSlot = slot.start === slot.end || /^\s*\[.*\]\s*$/.test(line.slice(slot.start, slot.end)) || line.slice(slot.start, slot.end).trim() === '';
  const edit = (label: string, newText: string, detail: string, index: number): CompletionItem => ({
    label,
    kind: slot.kind === 'owner' ? CompletionItemKind.Reference : CompletionItemKind.Value,
    detail,
    sortText: String(index).padStart(4, '0'),
    // Typing into a written owner filters the names; on a placeholder or nothing, all are shown.
    filterText: placeholderSlot ? `${line.slice(slot.start, position.character)}${newText}` : newText,
    textEdit: { range: { start: { line: slot.line, character: slot.start }, end: { line: slot.line, character: slot.end } }, newText: pad(line, slot, newText) },
  });

  if (slot.kind === 'owner') {
    const counts = new Map<string, number>();
    for (const other of items) {
      const owner = other.owner;
      if (!owner || owner.placeholder || other === item) continue;
      const name = owner.text.replace(/^[*_\s]+|[*_\s]+$/g, '');
      if (name) counts.set(name, (counts.get(name) ?? 0) + 1);
    }
    const here = [...counts].sort((a, b) => b[1] - a[1]).map(([name]) => name);
    const fromWorkspace = (context.owners ?? []).filter((o) => !counts.has(o));
    return dedupe([
      ...here.map((name, k) => edit(name, name, 'Owner of another item of this post-mortem', k)),
      ...fromWorkspace.map((name, k) => edit(name, name, "Owner in the workspace's post-mortems", 1000 + k)),
    ]);
  }

  const spec = analysis.template.schema.actionItems;
  const days = analysis.actionItems.incidentDays;
  const from = days?.last ?? dayNumber(now.getFullYear(), now.getMonth() + 1, now.getDate());
  const horizons: HorizonSpec[] = [...(item.horizon ? [item.horizon] : []), ...(spec?.horizons ?? []).filter((h) => h !== item.horizon)];
  return dedupe(
    horizons.map((horizon, k) => {
      const date = dayText(exactHorizonEnd(horizon, from));
      const span = shortSpan(horizon);
      return edit(`${date} (${span})`, date, `${horizon.section}: ${horizon.within} after the ${days ? "incident's last day" : 'day'} (${dayText(from)})`, k);
    }),
  );
}

/** The part of the item the cursor is in, and what it holds: the owner or the due date. */
function slotAt(analysis: Analysis, item: ActionItem, position: Position): Slot | undefined {
  const { character } = position;
  const inside = (part: { line: number; start: number; end: number } | undefined) => part !== undefined && part.line === position.line && part.start <= character && character <= part.end;
  if (inside(item.owner)) return { kind: 'owner', ...item.owner! };
  if (inside(item.due)) return { kind: 'due', ...item.due! };
  if (item.form === 'table') {
    for (const kind of ['owner', 'due'] as const) {
      const cell = item.cells?.[kind];
      if (cell && item.line === position.line && cell.start <= character && character <= cell.end) return { kind, line: item.line, start: cell.start, end: cell.end };
    }
    return undefined;
  }
  const line = analysis.doc.text.lines[position.line];
  const before = line.slice(0, character);
  if (line.slice(character).trim() !== '') return undefined;
  // After a label: "Owner: ", "Due: ".
  const label = /(?:^|[\s(—–-])\**(owners?|assignee|assigned to|due(?: date| by)?|deadline|eta)\**\s*:\**\s*$/i.exec(before);
  if (label) return { kind: /^(?:owners?|assignee|assigned to)$/i.test(label[1]) ? 'owner' : 'due', line: position.line, start: character, end: character };
  // After the dash that ends the line, once the text is written: the next part of the template's order.
  if (position.line === item.line && /\S\s+[-–—]\s+$/.test(before) && item.text.end < character) {
    if (!item.owner) return { kind: 'owner', line: position.line, start: character, end: character };
    if (!item.due && item.owner.end < character) return { kind: 'due', line: position.line, start: character, end: character };
  }
  return undefined;
}

/** What replaces the slot: the value, with the spaces around it kept as a table cell has them. */
function pad(line: string, slot: Slot, value: string): string {
  const text = line.slice(slot.start, slot.end);
  if (text.trim() !== '' && !/^\[.*\]$/.test(text.trim())) return value;
  const lead = /^\s*/.exec(text)![0];
  const trail = /\s*$/.exec(text)![0];
  return text.trim() === '' && text.length > 0 ? ` ${value} ` : `${lead}${value}${trail}`;
}

/** The horizon's end exactly (24 hours: the next day; a week: 7 days; a month: the same day next month). */
function exactHorizonEnd(horizon: HorizonSpec, day: number): number {
  return horizon.months !== undefined ? addMonths(day, horizon.months) : day + Math.max(1, Math.ceil(horizon.days ?? 0));
}

/** "24 h", "1 week", "1 month": the horizon as a label says it. */
function shortSpan(horizon: HorizonSpec): string {
  return horizon.within.replace(/\s*hours?$/i, ' h');
}
