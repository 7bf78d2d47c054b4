"""Patient treatment timelines for oncology case reports: read, check, summarise.

The library API::

    from timeline import check_path
    checked = check_path("cases/cr000-paclitaxel-bevacizumab.yaml")
    for problem in checked.problems:
        print(problem.format())
    for line in checked.lines:
        print(line.label, line.regimen.agent_names())
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from timeline.problems import CODES, Location, Problem, Severity
    from timeline.states import STATES, TRANSITIONS, state_graph
    from timeline.validate import Checked, check_path, check_text, collect_paths

__all__ = [
    "CODES",
    "STATES",
    "TRANSITIONS",
    "Checked",
    "Location",
    "Problem",
    "Severity",
    "check_path",
    "check_text",
    "collect_paths",
    "state_graph",
]

__version__ = "0.1.0.dev0"

#: where each name of the API is defined: imported when first asked for, so that the command
#: can take an interrupt while it loads (:mod:`timeline.start`) and a module of the package
#: can be imported without the whole of it
_API = {
    "CODES": "timeline.problems",
    "Location": "timeline.problems",
    "Problem": "timeline.problems",
    "Severity": "timeline.problems",
    "STATES": "timeline.states",
    "TRANSITIONS": "timeline.states",
    "state_graph": "timeline.states",
    "Checked": "timeline.validate",
    "check_path": "timeline.validate",
    "check_text": "timeline.validate",
    "collect_paths": "timeline.validate",
}


def __getattr__(name: str) -> Any:
    module = _API.get(name)
    if module is None:
        raise AttributeError(f"module 'timeline' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value
