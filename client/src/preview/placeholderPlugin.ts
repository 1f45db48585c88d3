/**
 * A markdown-it plugin for VS Code's Markdown preview: the template placeholders (`[START TIME]`)
 * and blanks (`____`) still in a post-mortem are marked, so that a reviewer reading the preview
 * sees what is unfilled. Only the placeholders the language server found in that document are
 * marked (the preview cannot tell a placeholder from an author's own brackets), and nothing at
 * all in a file that is not a post-mortem: a finished one looks as it always did.
 */
import type MarkdownIt from 'markdown-it';

export interface DocumentPlaceholders {
  /** Bracket texts without their brackets. */
  texts: ReadonlySet<string>;
  blanks: boolean;
}

/** `lookup`: the placeholders of the document being rendered (from markdown-it's env), if it is a post-mortem with any. */
export function placeholderPlugin(md: MarkdownIt, lookup: (env: unknown) => DocumentPlaceholders | undefined): MarkdownIt {
  md.core.ruler.push('postmortem_placeholders', (state) => {
    const placeholders = lookup(state.env);
    if (!placeholders || (placeholders.texts.size === 0 && !placeholders.blanks)) return;
    for (const block of state.tokens) {
      if (block.type !== 'inline' || !block.children) continue;
      const children: typeof block.children = [];
      let insideLink = 0;
      for (const token of block.children) {
        if (token.type === 'link_open') insideLink++;
        if (token.type === 'link_close') insideLink--;
        if (token.type !== 'text' || insideLink > 0) {
          children.push(token);
          continue;
        }
        children.push(...split(state, token, placeholders));
      }
      block.children = children;
    }
  });
  return md;
}

type StateCore = Parameters<Parameters<MarkdownIt['core']['ruler']['push']>[1]>[0];
type Token = NonNullable<StateCore['tokens'][number]['children']>[number];

/** A text token cut into text and marked placeholders. */
function split(state: StateCore, token: Token, placeholders: DocumentPlaceholders): Token[] {
  const content = token.content;
  const pattern = /\[([^[\]\n]+)\]|_{3,}/g;
  const out: Token[] = [];
  let from = 0;
  for (const m of content.matchAll(pattern)) {
    const isBlank = m[1] === undefined;
    if (isBlank ? !placeholders.blanks || /\w/.test(content[m.index! - 1] ?? '') || /\w/.test(content[m.index! + m[0].length] ?? '') : !placeholders.texts.has(m[1])) continue;
    if (m.index! > from) out.push(text(state, content.slice(from, m.index)));
    const open = new state.Token('html_inline', '', 0);
    open.content = `<mark class="postmortem-placeholder" title="${isBlank ? 'Blank to fill in' : 'Placeholder to fill in'}">`;
    out.push(open, text(state, m[0]));
    const close = new state.Token('html_inline', '', 0);
    close.content = '</mark>';
    out.push(close);
    from = m.index! + m[0].length;
  }
  if (out.length === 0) return [token];
  if (from < content.length) out.push(text(state, content.slice(from)));
  return out;
}

function text(state: StateCore, content: string): Token {
  const token = new state.Token('text', '', 0);
  token.content = content;
  return token;
}
