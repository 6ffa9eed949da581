"""The repository port is complete: it declares every repository method the use cases call,
and the MongoDB repository and the in-memory fake implement each with the same parameters
(tests/integration/test_assignment_repository_contract.py then holds them to the same
behaviour)."""

from __future__ import annotations

import ast
import inspect
from pathlib import Path

from services.assignment.adapters.repository import MongoAssignmentRepository
from services.assignment.application import ports
from services.assignment.application.ports import AssignmentRepository
from tests.fakes.assignment import FakeAssignmentRepository

APPLICATION = Path(ports.__file__).parent


def declared() -> set[str]:
    return {
        name
        for name, value in vars(AssignmentRepository).items()
        if callable(value) and not name.startswith("_")
    }


def called_by_use_cases() -> set[str]:
    """Every `<x>.repo.<method>(...)` and `repo.<method>(...)` in application/."""
    found = set()
    for path in APPLICATION.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
                continue
            owner = node.func.value
            if (isinstance(owner, ast.Name) and owner.id == "repo") or (
                isinstance(owner, ast.Attribute) and owner.attr == "repo"
            ):
                found.add(node.func.attr)
    return found


def test_the_port_declares_every_method_the_use_cases_call() -> None:
    called = called_by_use_cases()
    assert len(called) > 30  # the scan finds the calls at all
    assert called - declared() == set()


def test_both_repositories_implement_the_whole_port_alike() -> None:
    for name in sorted(declared()):
        port = list(inspect.signature(getattr(AssignmentRepository, name)).parameters)
        for implementation in (MongoAssignmentRepository, FakeAssignmentRepository):
            method = getattr(implementation, name, None)
            assert method is not None, f"{implementation.__name__}.{name} is missing"
            assert list(inspect.signature(method).parameters) == port, (implementation, name)
