import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DESK_ACTIONS, DESK_KEYS, deskActionOf, keyLabel } from '../../../renderer/src/keyboard/desk-keys.ts';

const press = (code: string, modifiers: { ctrl?: boolean; alt?: boolean; shift?: boolean } = {}) => ({
  code,
  ctrlKey: modifiers.ctrl ?? false,
  altKey: modifiers.alt ?? false,
  shiftKey: modifiers.shift ?? false,
  metaKey: false,
});

describe('desk keys', () => {
  it('gives every action its own key, so no key means two things', () => {
    const labels = DESK_ACTIONS.map((action) => keyLabel(DESK_KEYS[action]));
    assert.equal(new Set(labels).size, labels.length, labels.join(' '));
  });

  it("keeps the identity check's keys and the payment's keys apart", () => {
    const identity = ['samePerson', 'notSamePerson', 'skipIdentityCheck'].map((a) => keyLabel(DESK_KEYS[a as keyof typeof DESK_KEYS]));
    const payment = ['transferReceived', 'cashReceived'].map((a) => keyLabel(DESK_KEYS[a as keyof typeof DESK_KEYS]));
    assert.deepEqual(identity, ['F5', 'F6', 'F7']);
    assert.deepEqual(payment, ['Ctrl+K', 'Ctrl+M']);
  });

  it('finds the action of a key press, modifiers included', () => {
    assert.equal(deskActionOf(press('F9')), 'issueNumber');
    assert.equal(deskActionOf(press('KeyS', { ctrl: true })), 'save');
    assert.equal(deskActionOf(press('KeyS')), undefined);
    assert.equal(deskActionOf(press('F9', { shift: true })), undefined);
  });
});
