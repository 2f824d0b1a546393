"""Limits on the shape of a query: depth, aliases and an estimated cost.

A single request could otherwise ask for the roster a thousand times under
aliases, or nest lists until the server spends seconds on it. The checks run
as a validation rule, before anything is resolved, and name the limit and
the value found. Introspection (fields from ``__schema`` and ``__type`` on)
is not counted, so GraphiQL keeps working.
"""

from dataclasses import dataclass

from graphql import (
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLError,
    InlineFragmentNode,
    IntValueNode,
    OperationDefinitionNode,
    SelectionSetNode,
    ValidationRule,
)

MAX_DEPTH = 12
MAX_ALIASES = 30
MAX_COST = 10_000
# Arguments that make a field return that many items; a variable counts at
# the largest value the API accepts for it.
SIZE_ARGUMENTS = {"pageSize": 100, "limit": 500, "first": 100}


@dataclass
class _Tally:
    depth: int = 0
    aliases: int = 0


def _size(field: FieldNode) -> int:
    for argument in field.arguments or ():
        name = argument.name.value
        if name not in SIZE_ARGUMENTS:
            continue
        if isinstance(argument.value, IntValueNode):
            return max(1, int(argument.value.value))
        return SIZE_ARGUMENTS[name]
    return 1


class QueryLimitsRule(ValidationRule):
    """Reject an operation deeper, more aliased or costlier than the limits."""

    def enter_operation_definition(self, node: OperationDefinitionNode, *_args):
        fragments = {
            definition.name.value: definition
            for definition in self.context.document.definitions
            if isinstance(definition, FragmentDefinitionNode)
        }
        tally = _Tally()
        cost = self._cost(node.selection_set, fragments, 1, tally, set())
        name = node.name.value if node.name else "匿名操作"
        if tally.depth > MAX_DEPTH:
            self._report(f"操作{name}的嵌套深度为{tally.depth}，超过上限{MAX_DEPTH}")
        if tally.aliases > MAX_ALIASES:
            self._report(
                f"操作{name}使用了{tally.aliases}个别名，超过上限{MAX_ALIASES}"
            )
        if cost > MAX_COST:
            self._report(
                f"操作{name}的估算开销为{cost}（字段数乘以分页大小），"
                f"超过上限{MAX_COST}，请减少字段或分页大小"
            )

    def _report(self, message: str) -> None:
        self.report_error(
            GraphQLError(message, extensions={"code": "QUERY_TOO_COMPLEX"})
        )

    def _cost(
        self,
        selection_set: SelectionSetNode | None,
        fragments: dict[str, FragmentDefinitionNode],
        depth: int,
        tally: _Tally,
        visiting: set[str],
    ) -> int:
        if selection_set is None:
            return 0
        total = 0
        for selection in selection_set.selections:
            if isinstance(selection, FieldNode):
                if selection.name.value in ("__schema", "__type"):
                    continue
                if selection.alias is not None:
                    tally.aliases += 1
                tally.depth = max(tally.depth, depth)
                inner = self._cost(
                    selection.selection_set, fragments, depth + 1, tally, visiting
                )
                total += 1 + _size(selection) * inner
            elif isinstance(selection, InlineFragmentNode):
                total += self._cost(
                    selection.selection_set, fragments, depth, tally, visiting
                )
            elif isinstance(selection, FragmentSpreadNode):
                name = selection.name.value
                fragment = fragments.get(name)
                # A fragment cycle is reported by graphql-core's own rules.
                if fragment is None or name in visiting:
                    continue
                total += self._cost(
                    fragment.selection_set,
                    fragments,
                    depth,
                    tally,
                    visiting | {name},
                )
        return total
