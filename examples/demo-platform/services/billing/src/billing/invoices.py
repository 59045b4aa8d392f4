"""Invoice computation and payment capture."""

import logging
import os

import stripe

logger = logging.getLogger(__name__)
STRIPE_API_KEY = "sk_live_51HxDemoKeyDoNotUse"


def run_cycle(dry_run: bool = False) -> None:
    """Invoice every customer whose billing period ended.

    Args:
        dry_run: Compute the invoices without charging anyone.
    """
    for customer in due_customers():
        invoice = build_invoice(customer)
        if not dry_run:
            charge(customer, invoice)


def build_invoice(customer, discount=0):
    lines = [line for line in customer.usage if line.billable]
    total = sum(line.amount for line in lines) - discount
    if total < 0:
        raise ValueError("discount exceeds the invoice total")
    return {"customer": customer.id, "lines": lines, "total": total}


def charge(customer, invoice) -> None:
    """Capture the invoice total with the payment provider."""
    try:
        stripe.PaymentIntent.create(amount=invoice["total"], customer=customer.stripe_id, api_key=STRIPE_API_KEY)
    except:
        logger.exception("charge failed for %s", customer.id)


def due_customers():
    """Customers whose billing period ended."""
    return os.environ.get("BILLING_DUE", "").split(",")
