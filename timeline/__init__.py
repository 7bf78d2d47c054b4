"""Patient treatment timelines for oncology case reports: read, check, summarise.

The library API::

    from timeline import check_path
    checked = check_path("cases/cr000-paclitaxel-bevacizumab.yaml")
    for problem in checked.problems:
        print(problem.format())
    for line in checked.lines:
        print(line.label, line.regimen.agent_names())
"""

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
