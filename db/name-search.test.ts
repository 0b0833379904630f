import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { hasWords, nameMatchExpression } from './name-search.ts';

describe('name search helpers', () => {
  it('check whole words and word prefixes in any order', () => {
    assert.equal(hasWords('nguyen van an', 'an nguyen'), true);
    assert.equal(hasWords('nguyen van anh', 'an'), false);
    assert.equal(hasWords('nguyen van anh', 'an*'), true);
    assert.equal(hasWords('nguyen van anh', 'ngu* va*'), true);
    assert.equal(hasWords('tran van anh', 'ngu*'), false);
    assert.equal(hasWords('tran van anh', ''), true);
  });

  it('write the index query with quoted terms, prefixes and the birth year', () => {
    assert.equal(
      nameMatchExpression([{ word: 'van', prefix: false }, { word: 'an', prefix: true }], 1990),
      'name_search : ("van" "an"*) AND birth_year : "1990"',
    );
    assert.equal(nameMatchExpression([{ word: 'a"b', prefix: false }]), 'name_search : ("ab")');
  });
});
