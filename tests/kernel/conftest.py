"""Fixtures for the kernel tests: every test starts from a fresh kernel."""
import pytest

nestkernel = pytest.importorskip("nestkernel")


@pytest.fixture(autouse=True)
def fresh_kernel():
    nestkernel.reset_kernel()
    yield
    nestkernel.reset_kernel()


@pytest.fixture
def nk():
    return nestkernel
