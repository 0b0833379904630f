import { failure, type VietQrFailure, type VietQrResult } from './errors.ts';
import { fieldName } from './fields.ts';
import type { ValueRule } from './rules.ts';
import {
  childScope,
  pathOf,
  readDataObjects,
  type DataObject,
  type LocatedDataObject,
  type TemplateScope,
} from './tlv.ts';

/** The data objects of one template, looked up by ID, with checks whose errors name the field. */
export class Template {
  readonly scope: TemplateScope;
  readonly objects: readonly LocatedDataObject[];
  private readonly byId: ReadonlyMap<string, LocatedDataObject>;
  private readonly end: number;

  constructor(scope: TemplateScope, objects: readonly LocatedDataObject[], end: number) {
    this.scope = scope;
    this.objects = objects;
    this.byId = new Map(objects.map((object) => [object.id, object]));
    this.end = end;
  }

  get(id: string): LocatedDataObject | undefined {
    return this.byId.get(id);
  }

  missing(id: string, expected: string): VietQrFailure {
    const path = pathOf(this.scope, id);
    return failure('MISSING_FIELD', fieldName(path), path, expected, this.end);
  }

  invalid(object: LocatedDataObject, expected: string): VietQrFailure {
    const path = pathOf(this.scope, object.id);
    return failure('INVALID_VALUE', fieldName(path), path, expected, object.position);
  }

  required(id: string, rule: ValueRule): VietQrResult<string> {
    const object = this.get(id);
    if (!object) return this.missing(id, rule.expected);
    return this.checked(object, rule);
  }

  optional(id: string, rule: ValueRule): VietQrResult<string | null> {
    const object = this.get(id);
    return object ? this.checked(object, rule) : { ok: true, value: null };
  }

  fixed(id: string, value: string): VietQrResult<string> {
    return this.required(id, exactly(value));
  }

  nested(object: LocatedDataObject): VietQrResult<Template> {
    const scope = childScope(this.scope, object);
    const objects = readDataObjects(object.value, scope);
    if (!objects.ok) return objects;
    return { ok: true, value: new Template(scope, objects.value, object.valuePosition + object.value.length) };
  }

  others(interpreted: readonly string[]): DataObject[] {
    return this.objects
      .filter((object) => !interpreted.includes(object.id))
      .map(({ id, value }) => ({ id, value }));
  }

  private checked(object: LocatedDataObject, rule: ValueRule): VietQrResult<string> {
    return rule.pattern.test(object.value) ? { ok: true, value: object.value } : this.invalid(object, rule.expected);
  }
}

export function exactly(value: string): ValueRule {
  return { pattern: new RegExp(`^${escapeRegExp(value)}$`), expected: `"${value}"` };
}

export function oneOf<K extends string>(codes: Readonly<Record<K, string>>): ValueRule {
  const values = Object.values<string>(codes);
  return {
    pattern: new RegExp(`^(?:${values.map(escapeRegExp).join('|')})$`),
    expected: values.map((value) => `"${value}"`).join(' or '),
  };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The key whose code is `value`; callers have checked it is one of them. */
export function keyOf<K extends string>(codes: Readonly<Record<K, string>>, value: string): K {
  return (Object.keys(codes) as K[]).find((key) => codes[key] === value) as K;
}
