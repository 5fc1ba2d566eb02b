"""Money is never a float: no float literal, float() call or FloatField anywhere in the
finance app (charts included: they draw whole £000 integers). The one mention allowed is
the guard that refuses a float."""

import ast
from pathlib import Path

import finance

SOURCE = Path(finance.__file__).parent


def _floats(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    # isinstance(value, float) is how money.to_money refuses a float: allowed.
    guards = {
        id(node.args[1])
        for node in ast.walk(tree)
        if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "isinstance"
    }
    found = []
    for node in ast.walk(tree):
        if id(node) in guards:
            continue
        if isinstance(node, ast.Constant) and isinstance(node.value, float):
            found.append(f"{path.name}:{node.lineno} float literal {node.value}")
        elif isinstance(node, ast.Name) and node.id == "float":
            found.append(f"{path.name}:{node.lineno} float()")
        elif isinstance(node, ast.Attribute) and node.attr == "FloatField":
            found.append(f"{path.name}:{node.lineno} FloatField")
    return found


def test_the_finance_app_has_no_float():
    found = [f for path in sorted(SOURCE.rglob("*.py")) for f in _floats(path)]
    assert found == []


def test_every_finance_model_stores_money_as_decimal():
    from django.apps import apps
    from django.db import models

    for model in apps.get_app_config("finance").get_models():
        for field in model._meta.get_fields():
            assert not isinstance(field, models.FloatField), f"{model.__name__}.{field.name}"
