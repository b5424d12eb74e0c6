import pytest

from ui.app import make_application


@pytest.fixture
def gui(qapp):
    """The application as users get it: bundled fonts, Chinese Qt dialogs."""
    return make_application()
