/**
 * The first document a freshly started server analyses runs on cold code: V8 has compiled
 * nothing of the parser and rules yet, and a 1 MB first open took 2 to 4 times a warm one. So
 * while the server waits for its first document, it analyses a post-mortem of its own (the
 * template's text, repeated, with a log block), edits it and analyses it again, a few times, in
 * steps of a few milliseconds each. It stops as soon as a real document is open: a real open
 * never waits behind more than the one step in progress.
 */
import type { PostmortemService } from './service/service';

/** `busy`: whether a real document is open (then the warm-up ends). */
export function warmUp(service: PostmortemService, busy: () => boolean, rounds = 6): void {
  const text = warmUpText(service.template.templateText);
  let round = 0;
  const step = () => {
    if (busy() || round++ >= rounds) return;
    const session = service.open(text);
    session.diagnostics(session.analysis());
    const line = Math.floor(session.text.lines.length / 2);
    session.apply([{ range: { start: { line, character: 0 }, end: { line, character: 0 } }, text: 'x' }]);
    session.diagnostics(session.analysis());
    setImmediate(step);
  };
  setImmediate(step);
}

/** About 60 KB: the template twice, a log block and timeline-like lines, so the warm-up reaches every kind of line. */
function warmUpText(templateText: string): string {
  const log = Array.from({ length: 300 }, (_, k) => `2026-03-16T14:${String(k % 60).padStart(2, '0')}:07Z ERROR upstream timeout after 30000ms id=${k}`).join('\n');
  return `${templateText}\n\n\`\`\`\n${log}\n\`\`\`\n\n${templateText}`;
}
