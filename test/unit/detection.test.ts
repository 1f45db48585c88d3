import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { service, templateText } from '../support/service';

const looks = (text: string) => service.analyze(text).looksLikePostmortem;

describe('which documents are post-mortems', () => {
  it('recognises the template structure, under any name', () => {
    assert.equal(looks(templateText), true);
  });

  it('needs at least half of the top-level sections', () => {
    const headings = templateText.split('\n').filter((l) => l.startsWith('## '));
    assert.equal(headings.length, 16);
    assert.equal(looks(headings.slice(0, 8).join('\n\ntext\n\n')), true);
    assert.equal(looks(headings.slice(0, 7).join('\n\ntext\n\n')), false);
  });

  it('ignores an ordinary README with brackets', () => {
    assert.equal(looks('# Tool\n\n## Install\n\n- [ ] [Component] [Owner]\n\n## Timeline\n\n[START TIME]\n'), false);
  });

  it('follows front matter either way', () => {
    assert.equal(looks('---\npostmortem: true\n---\n# Notes\n'), true);
    assert.equal(looks(`---\npostmortem: false\n---\n${templateText}`), false);
    // An unclosed front matter block is not front matter.
    assert.equal(looks('---\npostmortem: true\n# Notes\n'), false);
  });
});
