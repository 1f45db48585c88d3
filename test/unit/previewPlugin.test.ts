/** The Markdown preview's marking of placeholders (client/src/preview/placeholderPlugin.ts), rendered by markdown-it as VS Code's preview does. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import MarkdownIt from 'markdown-it';
import { placeholderPlugin } from '../../client/src/preview/placeholderPlugin';
import { service, templateText } from '../support/service';

/** A renderer whose documents are post-mortems with these placeholders (from the server's status, as the client has it). */
const renderer = (placeholders?: { texts: string[]; blanks: boolean }) =>
  placeholderPlugin(new MarkdownIt({ html: true }), () => (placeholders ? { texts: new Set(placeholders.texts), blanks: placeholders.blanks } : undefined));
const marks = (html: string) => [...html.matchAll(/<mark class="postmortem-placeholder"[^>]*>(.*?)<\/mark>/g)].map((m) => m[1]);

describe('preview placeholders', () => {
  it('marks the placeholders and blanks the server found, in fields, lists and table cells', () => {
    const status = service.status(service.analyze(templateText), service.analyze(templateText).detection, []);
    const html = renderer(status.placeholders).render(templateText);
    const marked = marks(html);
    assert.ok(marked.includes('[START TIME]'));
    assert.ok(marked.includes('[Component]'), 'in a table cell');
    assert.ok(marked.includes('[Action item]'), 'in a task list item');
    assert.ok(marked.includes('____________________'), 'a blank');
    // Every placeholder the template has outside code is marked: inside code the preview shows code.
    const outsideCode = service.analyze(templateText).doc.placeholders.filter((p) => service.analyze(templateText).doc.lineKinds[p.line] === 0);
    assert.equal(marked.length, outsideCode.length);
  });

  it('leaves the author\'s own brackets, links, code and words with underscores as they are', () => {
    const md = renderer({ texts: ['Component'], blanks: true });
    const html = md.render('See [the runbook](https://x/r), [ERROR] at 14:02, `[Component]`, snake___case and [Component].\n\n```\n[Component]\n```\n');
    assert.deepEqual(marks(html), ['[Component]']);
    assert.match(html, /<a href="https:\/\/x\/r">the runbook<\/a>/);
    assert.match(html, /<code>\[Component\]<\/code>/);
    assert.match(html, /snake___case/);
  });

  it('changes nothing in a file that is not a post-mortem, or a finished one', () => {
    const text = '# Notes\n\n**Severity**: [CRITICAL/HIGH/MEDIUM/LOW] ____\n';
    assert.equal(renderer(undefined).render(text), new MarkdownIt({ html: true }).render(text));
    assert.equal(renderer({ texts: [], blanks: false }).render(text), new MarkdownIt({ html: true }).render(text));
  });

  it('escapes what it marks', () => {
    assert.deepEqual(marks(renderer({ texts: ['R&D budget "Q3"'], blanks: false }).render('Spent: [R&D budget "Q3"]')), ['[R&amp;D budget &quot;Q3&quot;]']);
  });

  it('marks as VS Code renders: tokens parsed once with no word of the document, rendered with env.currentDocument', () => {
    const known = new Map<string, { texts: Set<string>; blanks: boolean }>();
    const md = placeholderPlugin(new MarkdownIt({ html: true }), (env) => known.get(String((env as { currentDocument?: string }).currentDocument)));
    const tokens = md.parse('**Severity**: [CRITICAL/HIGH/MEDIUM/LOW]\n', {});
    const render = (document: string) => md.renderer.render(tokens, md.options, { currentDocument: document });
    // Before the server has said what the document is: as Markdown renders it.
    assert.deepEqual(marks(render('file:///pm.md')), []);
    // Then the same tokens (VS Code keeps them per version), rendered again after a refresh.
    known.set('file:///pm.md', { texts: new Set(['CRITICAL/HIGH/MEDIUM/LOW']), blanks: false });
    assert.deepEqual(marks(render('file:///pm.md')), ['[CRITICAL/HIGH/MEDIUM/LOW]']);
    assert.deepEqual(marks(render('file:///README.md')), []);
  });
});
