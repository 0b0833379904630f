import { failure, type VietQrResult } from './errors.ts';
import { fieldName } from './fields.ts';

/** One EMVCo data object: a 2-digit ID and its value. */
export interface DataObject {
  readonly id: string;
  readonly value: string;
}

/** A data object read from a payload, with where it starts (its ID) and where its value starts. */
export interface LocatedDataObject extends DataObject {
  readonly position: number;
  readonly valuePosition: number;
}

/** Where a run of data objects sits: the template's ID path ('' at the top level) and its offset in the payload. */
export interface TemplateScope {
  readonly idPath: string;
  readonly offset: number;
}

const HEADER_LENGTH = 4;
const TWO_DIGITS = /^\d\d$/;

export const ROOT_SCOPE: TemplateScope = { idPath: '', offset: 0 };

export function childScope(parent: TemplateScope, object: LocatedDataObject): TemplateScope {
  return { idPath: pathOf(parent, object.id), offset: object.valuePosition };
}

export function pathOf(scope: TemplateScope, id: string): string {
  return scope.idPath === '' ? id : `${scope.idPath}.${id}`;
}

/** Splits `text` into ID-length-value data objects, refusing any it cannot read exactly. */
export function readDataObjects(text: string, scope: TemplateScope): VietQrResult<LocatedDataObject[]> {
  const objects: LocatedDataObject[] = [];
  const seen = new Set<string>();
  const templateField = scope.idPath === '' ? 'payload' : fieldName(scope.idPath);
  let cursor = 0;
  while (cursor < text.length) {
    const position = scope.offset + cursor;
    const id = text.slice(cursor, cursor + 2);
    const lengthText = text.slice(cursor + 2, cursor + HEADER_LENGTH);
    if (!TWO_DIGITS.test(id) || !TWO_DIGITS.test(lengthText)) {
      const expected = 'a 2-digit ID then a 2-digit length';
      return failure('MALFORMED_OBJECT', templateField, scope.idPath || null, expected, position);
    }
    const path = pathOf(scope, id);
    const length = Number(lengthText);
    if (length === 0) {
      return failure('MALFORMED_OBJECT', fieldName(path), path, 'a length from 01 to 99', position);
    }
    const valueStart = cursor + HEADER_LENGTH;
    const available = text.length - valueStart;
    if (length > available) {
      return failure('LENGTH_OVERRUN', fieldName(path), path, `a length of at most ${available}`, position);
    }
    if (seen.has(id)) {
      return failure('DUPLICATE_ID', fieldName(path), path, 'each ID at most once in a template', position);
    }
    seen.add(id);
    const value = text.slice(valueStart, valueStart + length);
    objects.push({ id, value, position, valuePosition: scope.offset + valueStart });
    cursor = valueStart + length;
  }
  return { ok: true, value: objects };
}

/** Writes one data object. Callers validate values first; a bad one here is a programming error. */
export function writeDataObject(id: string, value: string): string {
  if (!TWO_DIGITS.test(id) || value.length < 1 || value.length > 99) {
    throw new RangeError(`data object ${id} cannot hold a value of ${value.length} characters`);
  }
  return `${id}${String(value.length).padStart(2, '0')}${value}`;
}
