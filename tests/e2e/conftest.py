from tests.ui.conftest import _no_modal_boxes, _refetch_at_once  # noqa: F401 - message boxes must not block headless runs; views refetch at once
