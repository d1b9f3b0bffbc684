/**
 * Compiles a parsed JSON filter pattern into a tree of closures, evaluated without re-parsing:
 * selectors resolve along precomputed paths, values are tested by precompiled predicates.
 *
 * Internal module: not re-exported by the barrel.
 */
import { ComparisonNode, Node, NodeKind, ValueKind } from './parser';
import { compileSelector } from './selector';
import {
  compileWildcard, numberEqualityPredicate, numberOrderPredicate, textPredicate, ValuePredicate,
} from './values';

/** A compiled pattern: whether a parsed JSON event (an object or array) matches. */
export type EventPredicate = (event: unknown) => boolean;

const ANY_VALUE: ValuePredicate = () => true;

/** Compiles an AST node into an {@link EventPredicate}. */
export function compile(node: Node): EventPredicate {
  switch (node.kind) {
    case NodeKind.AND: {
      const parts = node.children.map(compile);
      if (parts.length === 2) {
        const [a, b] = parts;
        return (e) => a(e) && b(e);
      }
      return (e) => {
        for (let i = 0; i < parts.length; i++) if (!parts[i](e)) return false;
        return true;
      };
    }
    case NodeKind.OR: {
      const parts = node.children.map(compile);
      if (parts.length === 2) {
        const [a, b] = parts;
        return (e) => a(e) || b(e);
      }
      return (e) => {
        for (let i = 0; i < parts.length; i++) if (parts[i](e)) return true;
        return false;
      };
    }
    case NodeKind.COMPARISON: {
      const resolve = compileSelector(node.selector);
      const test = valuePredicate(node);
      // With a wildcard, the condition holds when it holds for some selected value.
      return (e) => resolve(e, test);
    }
    case NodeKind.IS: {
      const resolve = compileSelector(node.selector);
      const expected = node.expected;
      const test: ValuePredicate = (v) => v === expected;
      return (e) => resolve(e, test);
    }
    case NodeKind.NOT_EXISTS: {
      // True when the selector resolves to nothing (with a wildcard: to no value at all).
      // A field set to null exists (`IS NULL` matches it, `NOT EXISTS` does not).
      const resolve = compileSelector(node.selector);
      return (e) => !resolve(e, ANY_VALUE);
    }
  }
}

function valuePredicate(node: ComparisonNode): ValuePredicate {
  const negate = node.operator === '!=';
  switch (node.valueKind) {
    case ValueKind.REGEX: {
      const regex = node.regex;
      return textPredicate((t) => regex.test(t), negate);
    }
    case ValueKind.NUMBER:
      return node.operator === '=' || negate
        ? numberEqualityPredicate(node.value, negate)
        : numberOrderPredicate(node.operator, node.value);
    case ValueKind.STRING:
    case ValueKind.WORD:
      return textPredicate(compileWildcard(node.value), negate);
  }
}
