"""Swimlane and state-machine diagrams of checked cases.

Not built yet: this package is reserved for ``timeline render`` (see README, "Status").
"""

__all__: list[str] = []
