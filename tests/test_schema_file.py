from graph.schema import export_sdl
from graph.settings import PROJECT_ROOT


def test_schema_file_matches_code():
    committed = (PROJECT_ROOT / "schema.graphql").read_text(encoding="utf-8")

    # Regenerate with `python -m graph export-schema` after changing types.
    assert committed == export_sdl()


def test_every_field_has_description():
    from graphql import GraphQLInputObjectType, GraphQLObjectType

    from graph.schema import schema

    missing = []
    for name, graphql_type in schema._schema.type_map.items():
        if name.startswith("__"):
            continue
        if isinstance(graphql_type, GraphQLObjectType | GraphQLInputObjectType):
            for field_name, field in graphql_type.fields.items():
                if not field.description:
                    missing.append(f"{name}.{field_name}")
                for argument_name, argument in getattr(field, "args", {}).items():
                    if not argument.description:
                        missing.append(f"{name}.{field_name}({argument_name})")

    assert missing == []
