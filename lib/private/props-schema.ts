// Run-time shape checks of props, for callers TypeScript does not check (JavaScript, and jsii
// languages where a wrong value still reaches the constructor): every prop of a props interface has
// a check here, so that a bad value is refused with a CloudTrailBaselineError naming the prop rather
// than a TypeError deep inside aws-cdk-lib. Not exported from the package.
import { Token } from 'aws-cdk-lib';
import { CloudTrailBaselineError } from './errors';

/** Checks one prop's value; called only when the value is not `undefined`. */
export type PropCheck = (property: string, value: any) => void;

/** The checks of every prop of one props interface, by prop name. */
export type PropsSchema = Record<string, PropCheck>;

function describe(value: unknown): string {
  if (value === null || value === undefined) return String(value);
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'string') return `'${value.length > 60 ? `${value.slice(0, 60)}...` : value}'`;
  if (typeof value === 'object') return `an object (${(value as object).constructor?.name ?? 'Object'})`;
  return `${typeof value} ${String(value)}`;
}

/**
 * Checks `props` against `schema`: an object (or `undefined` when nothing is required), the
 * `required` props present, no prop the interface does not have (a misspelt prop would be ignored),
 * and every prop's own check.
 *
 * @param propsName the props interface named in errors, e.g. `BaselineTrailProps`
 */
export function checkProps(propsName: string, props: unknown, schema: PropsSchema, required: string[] = []): void {
  if (props === undefined && required.length === 0) return;
  if (props === null || typeof props !== 'object' || Array.isArray(props)) {
    throw new CloudTrailBaselineError(propsName, `must be an object of ${propsName} (got ${describe(props)})`);
  }
  const record = props as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    if (!(key in schema) && record[key] !== undefined) {
      throw new CloudTrailBaselineError(`${propsName}.${key}`,
        `is not a property of ${propsName}, so it would be ignored (the properties are: ${Object.keys(schema).join(', ')})`);
    }
  }
  for (const [key, check] of Object.entries(schema)) {
    const value = record[key];
    if (value === undefined || value === null) {
      if (required.includes(key)) throw new CloudTrailBaselineError(`${propsName}.${key}`, 'is required');
      continue;
    }
    check(`${propsName}.${key}`, value);
  }
}

/** The checks props are built from. */
export const is = {
  string: ((property, value) => {
    if (typeof value !== 'string') throw new CloudTrailBaselineError(property, `must be a string (got ${describe(value)})`);
  }) as PropCheck,

  boolean: ((property, value) => {
    if (typeof value !== 'boolean') throw new CloudTrailBaselineError(property, `must be true or false (got ${describe(value)})`);
  }) as PropCheck,

  number: ((property, value) => {
    if (typeof value !== 'number' || Number.isNaN(value)) throw new CloudTrailBaselineError(property, `must be a number (got ${describe(value)})`);
  }) as PropCheck,

  /** An aws-cdk-lib `Duration` (a plain number of seconds or days is refused: its unit would be a guess). */
  duration: ((property, value) => {
    if (typeof value?.toSeconds !== 'function' || typeof value?.toHumanString !== 'function') {
      throw new CloudTrailBaselineError(property, `must be a Duration, e.g. Duration.days(365) (got ${describe(value)})`);
    }
  }) as PropCheck,

  /** A value of a TypeScript enum (string or number valued). */
  enumOf(typeName: string, enumObject: object): PropCheck {
    const all = Object.values(enumObject) as Array<string | number>;
    // A numeric enum also maps its values back to its names: keep the numbers.
    const values = all.some((v) => typeof v === 'number') ? all.filter((v) => typeof v === 'number') : all;
    return (property, value) => {
      if (Token.isUnresolved(value)) {
        throw new CloudTrailBaselineError(property, `must be a literal ${typeName} value, not a token: it is checked at synth time`);
      }
      if (!values.includes(value)) {
        throw new CloudTrailBaselineError(property, `must be ${/^[AEIOU]/.test(typeName) ? 'an' : 'a'} ${typeName} (got ${describe(value)}): one of ${values.join(', ')}`);
      }
    };
  },

  /** An object that satisfies `test` (e.g. has the methods of an interface). */
  object(what: string, test: (value: any) => boolean = () => true): PropCheck {
    return (property, value) => {
      if (value === null || typeof value !== 'object' || Array.isArray(value) || !test(value)) {
        throw new CloudTrailBaselineError(property, `must be ${what} (got ${describe(value)})`);
      }
    };
  },

  /** Nested props, checked against their own schema (errors name `<propsName>.<prop>.<nested>`). */
  props(schema: PropsSchema, required: string[] = []): PropCheck {
    return (property, value) => checkProps(property, value, schema, required);
  },

  /** A list whose entries each pass `entry`, named `<prop>[i]`; a token list is refused. */
  listOf(entry: PropCheck): PropCheck {
    return (property, value) => {
      if (!Array.isArray(value)) {
        throw new CloudTrailBaselineError(property, `must be a list (got ${describe(value)})`);
      }
      value.forEach((v, i) => {
        if (v === undefined || v === null) throw new CloudTrailBaselineError(`${property}[${i}]`, `must not be ${v}`);
        entry(`${property}[${i}]`, v);
      });
    };
  },
};

/** Has every function named. */
export function hasMethods(...names: string[]): (value: any) => boolean {
  return (value) => names.every((n) => typeof value?.[n] === 'function');
}

/** Has every property named (any value but `undefined`). */
export function hasFields(...names: string[]): (value: any) => boolean {
  return (value) => names.every((n) => value?.[n] !== undefined);
}

/**
 * Refuses a token where a literal is needed, saying why.
 *
 * @param why the reason, e.g. 'the trail ARN must be known at synth time'
 */
export function requireLiteral(property: string, value: string | number | undefined, why: string): void {
  if (value !== undefined && Token.isUnresolved(value)) {
    throw new CloudTrailBaselineError(property,
      `must be a literal, not a token (a deploy-time value such as a CfnParameter or an SSM parameter): ${why}`);
  }
}

/** Refuses a repeated entry (compared with `key`), naming both positions. */
export function checkNoDuplicates<T>(property: string, values: T[] | undefined, key: (v: T) => unknown = (v) => v, what = 'entry', why?: string): void {
  const seen = new Map<unknown, number>();
  (values ?? []).forEach((v, i) => {
    const k = key(v);
    if (seen.has(k)) {
      throw new CloudTrailBaselineError(`${property}[${i}]`, `repeats ${property}[${seen.get(k)}] (the same ${what} twice)${why ? `: ${why}` : ''}`);
    }
    seen.set(k, i);
  });
}

/** Refuses a Duration made from a token (e.g. `Duration.days(param.valueAsNumber)`), saying why. */
export function requireLiteralDuration(property: string, duration: { isUnresolved?: () => boolean } | undefined, why: string): void {
  if (duration !== undefined && typeof duration.isUnresolved === 'function' && duration.isUnresolved()) {
    throw new CloudTrailBaselineError(property,
      `must be a literal Duration, not one made from a token (a deploy-time value such as a CfnParameter): ${why}`);
  }
}
