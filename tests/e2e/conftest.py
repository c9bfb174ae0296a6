from tests.ui.conftest import _no_modal_boxes  # noqa: F401 - message boxes must not block headless runs
