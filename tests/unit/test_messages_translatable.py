"""Every refusal a user can read goes through the translation channel: an ErpError (or a child) is built from
a marked template (QT_TRANSLATE_NOOP("errors", ...)), a Text, an already translated UI text (self.tr /
translate), or a name, call or lookup that is bound only to those; a plain literal or an f-string never reached
the .ts and stayed English for a Russian user. Representative refusals then read in Russian."""

from __future__ import annotations

import ast
from decimal import Decimal
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2] / "erp_desktop"
MARKERS = ("QT_TRANSLATE_NOOP", "Text")
UI_TRANSLATORS = ("tr", "translate")


def _modules() -> dict[Path, ast.Module]:
    return {path: ast.parse(path.read_text(encoding="utf-8")) for path in sorted(ROOT.rglob("*.py"))}


def _error_classes(modules) -> set[str]:
    """ErpError and its children (by name, across erp_desktop/) whose first argument is a message."""
    bases: dict[str, list[str]] = {}
    takes_other: set[str] = set()
    for tree in modules.values():
        for node in ast.walk(tree):
            if isinstance(node, ast.ClassDef):
                bases[node.name] = [b.id for b in node.bases if isinstance(b, ast.Name)]
                for item in node.body:
                    if isinstance(item, ast.FunctionDef) and item.name == "__init__":
                        params = [a.arg for a in item.args.args[1:]]
                        if not params or params[0] != "message":
                            takes_other.add(node.name)  # ImportRefused(report), ImportCancelled()
    found = {"ErpError"}
    while True:
        more = {name for name, parents in bases.items() if name not in found and set(parents) & found}
        if not more:
            return found - takes_other
        found |= more


def _returns_text(modules) -> set[str]:
    """Functions declared to return a Text (shortage_message, _lock_message, ...)."""
    return {node.name for tree in modules.values() for node in ast.walk(tree)
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and node.returns is not None
            and "Text" in ast.unparse(node.returns)}


class _Checker:
    def __init__(self, tree: ast.Module, text_functions: set[str]):
        self.text_functions = text_functions
        self.bindings: dict[str, list[ast.expr]] = {}
        self.functions: dict[str, ast.FunctionDef] = {}
        self.calls: list[ast.Call] = []
        for node in ast.walk(tree):
            if isinstance(node, ast.Assign):
                for target in node.targets:
                    if isinstance(target, ast.Name):
                        self.bindings.setdefault(target.id, []).append(node.value)
            elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name) and node.value is not None:
                self.bindings.setdefault(node.target.id, []).append(node.value)
            elif isinstance(node, ast.FunctionDef):
                self.functions[node.name] = node
            elif isinstance(node, ast.Call):
                self.calls.append(node)

    def scope_of(self, call: ast.Call) -> None:
        """The parameters of the functions around ``call`` shadow the module's names."""
        self.scopes = [f for f in self.functions.values() if any(inner is call for inner in ast.walk(f))]

    def ok(self, node: ast.expr | None, seen: frozenset = frozenset()) -> bool:
        if node is None:
            return False
        if isinstance(node, ast.Call):
            func = node.func
            name = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""
            if name in MARKERS or name in UI_TRANSLATORS or name in self.text_functions:
                return True
            # a UI text translated, then filled in: self.tr("... {0}").format(x)
            # self.tr("... {0}").format(x) (a UI text translated, then filled in); TABLE.get(key) of marked texts
            return name in ("format", "get") and isinstance(func, ast.Attribute) and self.ok(func.value, seen)
        if isinstance(node, ast.IfExp):
            return self.ok(node.body, seen) and self.ok(node.orelse, seen)
        if isinstance(node, ast.BoolOp):  # message or default
            return all(self.ok(value, seen) for value in node.values)
        if isinstance(node, ast.Dict):
            return bool(node.values) and all(self.ok(value, seen) for value in node.values)
        if isinstance(node, ast.Subscript | ast.Attribute) and isinstance(node.value, ast.Name):
            # _SERVER_CANNOT_SAVE[state], or dict.get(...) handled as a call above
            return self.ok(node.value, seen)
        if isinstance(node, ast.Name):
            if node.id in seen:
                return True
            seen = seen | {node.id}
            scope = next((f for f in getattr(self, "scopes", []) if node.id in [a.arg for a in f.args.args]), None)
            if scope is not None:
                return self._parameter_ok(node.id, seen, scope)
            bound = self.bindings.get(node.id, [])
            if bound:
                return all(self.ok(value, seen) or _is_none(value) for value in bound)
            return self._parameter_ok(node.id, seen)
        return False

    def _parameter_ok(self, name: str, seen: frozenset, only: ast.FunctionDef | None = None) -> bool:
        """A parameter: every call of its function in this module passes a marked text for it."""
        for function in [only] if only else self.functions.values():
            params = [a.arg for a in function.args.args if a.arg not in ("self", "cls")]
            if name not in params:
                continue
            index = params.index(name)
            calls = [c for c in self.calls if _called_name(c) == function.name]
            passed = [next((k.value for k in c.keywords if k.arg == name), None) or
                      (c.args[index] if index < len(c.args) else None) for c in calls]
            return bool(passed) and all(self.ok(value, seen) for value in passed)
        return False


def _called_name(call: ast.Call) -> str:
    func = call.func
    return func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""


def _is_none(node: ast.expr) -> bool:
    return isinstance(node, ast.Constant) and node.value is None


def untranslatable_refusals() -> list[str]:
    modules = _modules()
    errors, text_functions = _error_classes(modules), _returns_text(modules)
    found = []
    for path, tree in modules.items():
        checker = _Checker(tree, text_functions)
        for call in checker.calls:
            if _called_name(call) not in errors or not call.args:
                continue
            checker.scope_of(call)
            if not checker.ok(call.args[0]):
                found.append(f"{path.relative_to(ROOT.parent)}:{call.lineno}: {ast.unparse(call.args[0])[:80]}")
    return found


def test_every_refusal_is_built_from_a_marked_template():
    assert untranslatable_refusals() == []


def test_the_scan_catches_plain_and_formatted_messages():
    tree = ast.parse('from erp_desktop.errors import ValidationError\nA = QT_TRANSLATE_NOOP("errors", "a")\nB = "b"\n'
                     'ValidationError(A)\nValidationError(B)\nValidationError(f"x {y}")\nValidationError("plain")\n')
    checker = _Checker(tree, set())
    verdicts = [checker.ok(c.args[0]) for c in checker.calls if _called_name(c) == "ValidationError"]
    assert verdicts == [True, False, False, False]


@pytest.fixture
def russian(qapp):
    from erp_desktop.ui import language

    assert language.apply_language(language.RUSSIAN)
    yield
    language.apply_language(language.ENGLISH)


def test_a_field_message_reads_in_russian(russian):
    from erp_desktop.domain.inputs import clean_text
    from erp_desktop.domain.stock import exact_qty
    from erp_desktop.errors import QT_TRANSLATE_NOOP, ValidationError
    from erp_desktop.ui.errors import error_text

    with pytest.raises(ValidationError) as refused:
        clean_text("x" * 30, field="name", label=QT_TRANSLATE_NOOP("errors", "part name"), max_len=20)
    assert str(refused.value) == "The part name can be at most 20 characters; this one has 30."  # English kept
    assert error_text(refused.value) == ("Поле «наименование детали» может содержать не более 20 симв.; "
                                         "сейчас в нём 30.")
    with pytest.raises(ValidationError) as refused:
        exact_qty("1 234,5678")
    assert str(refused.value) == "The quantity can have at most 3 decimal places."
    assert error_text(refused.value) == "В поле «количество» допускается знаков после запятой: не более 3."


def test_a_stock_refusal_with_its_quantity_reads_in_russian(russian):
    from erp_desktop.domain.stock import quantity_text
    from erp_desktop.errors import QT_TRANSLATE_NOOP, ValidationError
    from erp_desktop.ui.errors import error_text

    error = ValidationError(QT_TRANSLATE_NOOP("errors", "The count equals the recorded {on_hand}; there is nothing to adjust."),
                            on_hand=quantity_text(Decimal("1250"), "kg"))
    assert str(error) == "The count equals the recorded 1250.000 kg; there is nothing to adjust."
    assert error_text(error) == "Пересчёт равен учтённому остатку 1\u202f250,000 кг; корректировать нечего."


def test_an_outage_reads_in_russian(russian):
    from sqlalchemy.exc import OperationalError

    from erp_desktop.services.uow import translate
    from erp_desktop.ui.errors import error_text

    lost = OperationalError("SELECT 1", {}, Exception("server closed the connection unexpectedly"))
    lost.connection_invalidated = True
    error = translate(lost, write=True)
    assert str(error).endswith("then try again. Nothing was saved.")
    assert error_text(error) == ("Соединение с базой данных потеряно. Проверьте сеть или узнайте у администратора, "
                                 "работает ли сервер, затем повторите попытку. Ничего не сохранено.")


def test_every_server_refusal_is_marked_for_translation():
    """What db/security.py's functions and triggers raise reaches the user through services/uow.server_text: each
    text (a % value as {v0}, {v1}, ...) must be one of SERVER_MESSAGES, or it would stay English."""
    import re

    from erp_desktop.services.uow import SERVER_MESSAGES, server_text

    source = (ROOT / "db" / "security.py").read_text(encoding="utf-8")
    raised = set()
    for found in re.finditer(r"RAISE EXCEPTION '((?:[^']|'')*)'", source):
        pieces = found.group(1).replace("''", "'").split("%")
        raised.add(pieces[0] + "".join(f"{{v{index}}}{piece}" for index, piece in enumerate(pieces[1:])))
    assert raised and raised <= set(SERVER_MESSAGES), sorted(raised - set(SERVER_MESSAGES))
    text = server_text("A task cannot move from open to done.")
    assert (text.template, text.values) == ("A task cannot move from {v0} to {v1}.", {"v0": "open", "v1": "done"})
    assert server_text("something the server never says") == "something the server never says"


def test_a_server_refusal_reads_in_russian(russian):
    from erp_desktop.errors import ValidationError
    from erp_desktop.services.uow import server_text
    from erp_desktop.ui.errors import error_text

    error = ValidationError(server_text("A password needs at least 12 characters."))
    assert str(error) == "A password needs at least 12 characters."
    assert error_text(error) == "Пароль слишком короткий: нужно не менее 12 симв."


def test_a_task_refusal_reads_in_russian_with_its_words(russian):
    from erp_desktop.domain.roles import Role
    from erp_desktop.domain.tasks import Move, Person, TaskFacts, TaskStatus, check_move
    from erp_desktop.errors import InvalidTransition
    from erp_desktop.ui.errors import error_text

    with pytest.raises(InvalidTransition) as refused:
        check_move(TaskFacts(TaskStatus.DONE, 1, 2, None), Move.ACCEPT, Person(2, Role.OPERATOR))
    assert str(refused.value) == "This task is already done; it cannot be accepted any more."
    assert error_text(refused.value) == "Задача уже выполнена; её больше нельзя принять."


def test_purchasing_and_materials_refusals_read_in_russian(russian):
    from erp_desktop.domain.stock import quantity_text
    from erp_desktop.errors import QT_TRANSLATE_NOOP, InvalidTransition, ValidationError
    from erp_desktop.ui.errors import error_text

    error = InvalidTransition(QT_TRANSLATE_NOOP("errors", "Purchase order {number} is {status}; it cannot {move}."),
                              number="PO-000007", status="closed", move=QT_TRANSLATE_NOOP("errors", "be sent"))
    assert str(error) == "Purchase order PO-000007 is closed; it cannot be sent."
    assert error_text(error) == "Заказ поставщику PO-000007 в статусе «закрыт»; его нельзя отправить."
    error = ValidationError(QT_TRANSLATE_NOOP("errors", "Only {returnable} of lot {lot_number} was issued to part {code} "
                                                        "and not returned; you asked to return {qty}."),
                            returnable=quantity_text(Decimal("2.5"), "kg"), lot_number="L-1", code="P-9",
                            qty=quantity_text(Decimal("3"), "kg"))
    assert str(error) == ("Only 2.500 kg of lot L-1 was issued to part P-9 and not returned; "
                          "you asked to return 3.000 kg.")
    assert error_text(error) == ("Из партии L-1 детали P-9 отпущено и не возвращено только 2,500 кг; "
                                 "вы хотите вернуть 3,000 кг.")
