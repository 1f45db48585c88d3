/** Check this file as a post-mortem / Stop checking: the front-matter flag written where the reader reads it. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyEdits, service } from '../support/service';

const flagged = (text: string, value: boolean) => applyEdits(text, service.frontMatterFlagEdits(service.analyze(text), value));
const flagOf = (text: string) => service.analyze(text).doc.frontMatterFlag;

describe('front-matter flag', () => {
  it('makes front matter when there is none, after a byte order mark, with the file\'s line breaks', () => {
    assert.equal(flagged('# Notes\n', true), '---\npostmortem: true\n---\n# Notes\n');
    assert.equal(flagged('\ufeff# Notes\r\nmore\r\n', true), '\ufeff---\r\npostmortem: true\r\n---\r\n# Notes\r\nmore\r\n');
  });

  it('adds the key to front matter without it, and changes it where it is, keeping a comment', () => {
    assert.equal(flagged('---\ntitle: x\n---\n# A\n', true), '---\ntitle: x\npostmortem: true\n---\n# A\n');
    assert.equal(flagged('---\npostmortem: yes   # set by the bot\ntitle: x\n---\n', false), '---\npostmortem: false   # set by the bot\ntitle: x\n---\n');
  });

  it('changes the last of a repeated key, the one YAML (and the check) reads', () => {
    const text = '---\npostmortem: false\ntitle: x\npostmortem: false\n---\n# A\n';
    const written = flagged(text, true);
    assert.equal(written, '---\npostmortem: false\ntitle: x\npostmortem: true\n---\n# A\n');
    assert.equal(flagOf(written), true);
  });

  it('replaces a nested value under the key instead of leaving its lines dangling', () => {
    const written = flagged('---\npostmortem:\n  enabled: true\n  owner: sre\ntitle: x\n---\n# A\n', false);
    assert.equal(written, '---\npostmortem: false\ntitle: x\n---\n# A\n');
    assert.equal(flagOf(written), false);
  });
});
