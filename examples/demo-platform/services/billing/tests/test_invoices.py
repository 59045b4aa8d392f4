"""Invoice computation tests."""

from collections.abc import Callable

from billing.invoices import build_invoice


def test_discount_cannot_exceed_total(customer_factory: Callable[..., object]) -> None:
    """A discount larger than the total is refused."""
    customer = customer_factory(usage=[10])
    print("customer under test:", customer.id)
    try:
        build_invoice(customer, discount=20)
    except ValueError:
        return
    raise AssertionError("expected ValueError")
