#!/usr/bin/env python3
"""Rotate a tenant's API keys."""

import sys

from api.keys import rotate


if __name__ == "__main__":
    tenant = sys.argv[1]
    print("rotating keys for", tenant)
    rotate(tenant)
