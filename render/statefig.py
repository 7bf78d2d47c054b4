"""The disease-state machine drawn as a graph, with one case's path through it.

Nodes are the states of :func:`timeline.states.state_graph` (the graph the validator uses);
edges its transitions. The transitions this case took are drawn bold and numbered in order,
and a list beside the graph says what each step was: a teaching figure of its own.
"""

from __future__ import annotations

import functools
import itertools

import graphviz

from timeline.model import SAID, Death, DiseaseEvent, Event, FollowUp, Response, Surgery
from timeline.queries import INFERRED, inferred_dates, point_key
from timeline.render.dot import dot_text
from timeline.render.scene import wrap
from timeline.render.style import CATEGORY_COLOURS, Theme, text_colour, text_width
from timeline.schedule import when_text
from timeline.states import INITIAL, REPORTED_STATE, STATE_ORDER, STATES
from timeline.validate import Checked
from timeline.wording import STATUS_WORDS, death_cause, quoted, which_one

__all__ = ["STATE_ENGINE", "path_steps", "reported_at_end", "states_dot"]

STATE_ENGINE = "dot"


#: what the drawing's marks mean, under the numbered steps
STATES_KEY = (
    "Key: coloured, a state the case passed through (thick border: the last); white,"
    " Diagnosed, where every case starts, and the states it did not reach; black numbered"
    " arrows, this case's path in order; thin grey arrows,"
    " changes the model allows that the case did not make; red dashed, a change it does not"
    " allow."
)
#: added to the key when responses in the authors' words follow the last change of state
SAID_AFTER_KEY = (
    " Dashed thick border: the last state the case records a change to, the responses after"
    " it that move no state (above; the last of them in the dashed note tied to it): in the"
    " authors' words, in no category, or of no response, SD or PD."
)
#: the same, when what follows the last change is an operation of unknown completeness
OPERATED_AFTER_KEY = (
    " Dashed thick border: the last state the case records a change to, an operation whose"
    " completeness is not given after it (above, and in the dashed note tied to it)."
)
#: the same, when both follow it: the dashed note holds whichever the case records last
BOTH_AFTER_KEY = (
    " Dashed thick border: the last state the case records a change to, responses that move"
    " no state (in the authors' words, or of no response) and an operation whose completeness"
    " is not given after it (above; the last of them in the dashed note tied to it)."
)
#: added to the key when the last follow-up reports a state no recorded change leads to
REPORTED_KEY = (
    " Dark grey dashed, 'follow-up': the state the last follow-up reports, reached at no"
    " change the case records."
)

#: the states a response at some sites enters, keyed with its sites (not PD: a progression at a
#: site is the disease's)
_SITED = ("cr", "pr", "sd")


def path_steps(checked: Checked) -> list[str]:
    """The key to the numbered arrows: ``"3. 2008-03: response CR → CR"``, one per change of
    state, each dated as the summary dates it (the source's precision, else the plausible day
    and its window; months from the anchor in a case without calendar dates), and marked
    "(inferred)" where the file infers the date, as ``show`` marks it."""
    from timeline.states import state_graph  # networkx is imported only here

    graph = state_graph()
    assert checked.chrono is not None and checked.case is not None
    inferred = inferred_dates(
        checked.case,
        checked.chrono.canonical,
        checked.schedule is not None and checked.schedule.relative,
        checked.schedule.anchor if checked.schedule is not None else None,
    )
    out = []
    chrono = checked.chrono
    before: tuple[str, int] | None = None  # the step before: its start's key and earliest day
    for n, step in enumerate(checked.steps, start=1):
        planned = checked.schedule.start(step.event) if checked.schedule is not None else None
        bounds = chrono.start(step.event)
        when = when_text(bounds, planned)
        key = point_key(step.event, "start")
        # (the window as said: the schedule's, in days from the anchor in a case without
        # calendar dates, whose bounds on the calendar are open)
        lo = planned.window.lo if planned is not None else bounds.lo
        if (
            before is not None
            and when.startswith("from ")
            and lo <= before[1]
            and (least := chrono.least(before[0], key)) is not None
            and least >= 0
        ):
            # (known only to come after the change before, from no later a day than that
            # one's earliest: "2. from month 172.8: response PR" after "1. ≈ month 216 (172.8
            # to 259.2): recurrence" read as 43 months before it)
            when = f"then, {when}"
        before = (key, lo)
        if checked.chrono.canonical(point_key(step.event, "start")) in inferred:
            when += INFERRED
        what = step.trigger.replace("response:", "response ").replace(
            "surgery:curative", "curative surgery"
        )
        # (of two operations, the one that made the change: "curative surgery (staging
        # laparotomy)")
        named = which_one(checked.case, step.event) if isinstance(step.event, Event) else None
        if named and step.trigger == "surgery:curative":
            what += f" ({named})"
        if isinstance(step.event, Response) and step.event.sites and step.after in _SITED:
            # (a complete intracranial response is not the whole disease's: "response CR
            # (brain)", as `show` says "response CR: brain")
            what += f" ({', '.join(step.event.sites)})"
        histology = step.event.histology if isinstance(step.event, DiseaseEvent) else None
        if histology:
            # (a transformation is what such a case is about: the key said "recurrence" of
            # a relapse as a transformed lymphoma, as of the plain relapse before it)
            # (said whole when it is short, as the swimlane's label says it; a long one is
            # the swimlane's note and tooltip)
            what += f" as {histology}" if len(histology) <= 48 else ", new histology"
        if isinstance(step.event, Death) and step.event.cause:
            # (its cause, as `show` says it: the death of a second cancer read, after the
            # first's "PD", as if of that cancer)
            what += f" ({death_cause(step.event)})"
        flag = "" if step.allowed else "  (not allowed)"
        out.append(f"{n}. {when}: {what} → {graph.nodes[step.after]['label']}{flag}")
    return out


def said_between(checked: Checked) -> list[list[str]]:
    """The responses in the authors' words (no category) the case records before each change
    of state and after the one before it, by the schedule's order, in words (one list per
    change): they move no state, and a case whose two responses were both in the authors'
    words read Diagnosed → PD → PD, as if it never responded. Those after the last change are
    :func:`said_after`'s. So are the cancer operations whose completeness the source does not
    give: a GIST's PD → PD, its metastases resected between, read as a disease that grew on
    through the operation (the swimlane leaves the lane blank after it)."""
    assert checked.case is not None and checked.chrono is not None
    plan = checked.schedule
    out: list[list[str]] = [[] for _ in checked.steps]
    if plan is None or not checked.steps:
        return out
    orders = [plan.order(step.event) for step in checked.steps]
    for e in checked.case.events:
        unknown_op = isinstance(e, Surgery) and e.oncologic and e.curative is None
        if not unknown_op and (not isinstance(e, Response) or e.category not in SAID):
            continue
        planned = plan.start(e)
        if planned is None:
            continue
        at = plan.order(e)
        n = next((i for i, o in enumerate(orders) if at < o), None)
        if n is None:
            continue  # (after the last change: said_after)
        when = when_text(checked.chrono.start(e), planned)
        if isinstance(e, Surgery):
            # (before the first change too: a thyroid cancer's path went from Diagnosed to a
            # recurrence, its thyroidectomy of unknown completeness said nowhere, a
            # recurrence of a cancer never treated)
            what = f" ({e.procedure})" if e.procedure else ""
            out[n].append(
                f"operation{what}, its completeness not given (no change of state recorded)"
                f" ({when})"
            )
            continue
        assert isinstance(e, Response)
        how = "in the authors' words" if e.category == "unknown" else "no response, SD or PD"
        said = quoted(_words(e), "'")
        out[n].append(f"{how} (no change of state): {said} ({when})")
    return out


def said_after(checked: Checked, last_only: bool = False) -> str | None:
    """The responses in the authors' words (no category) the case records after its last
    change of state, which move no state: "then, in the authors' words (no change of state):
    'clinical improvement' (from month 42)". Without it the path of a lymphoma improving on
    CHOP ended at its transformation, as if progressing still. ``last_only``: the last of
    them alone, "last, in the authors' words: 'durable remission' (from month 1.8)"."""
    assert checked.case is not None and checked.chrono is not None
    plan = checked.schedule
    if plan is None:
        return None
    last_event = checked.steps[-1].event if checked.steps else None
    last = plan.start(last_event) if last_event is not None else plan.diagnosis()
    # (in the case's order, runs of one kind together: a response after niraparib was said
    # before the operation that came before niraparib, all the responses first)
    found: list[tuple[Event, str, str]] = []
    for e in checked.case.events:
        unknown_op = (
            isinstance(e, Surgery) and e.oncologic and e.curative is None and bool(checked.steps)
        )
        if not unknown_op and (not isinstance(e, Response) or e.category not in SAID):
            continue
        planned = plan.start(e)
        if planned is None or (last is not None and planned.day < last.day):
            continue
        if last_event is not None and plan.order(e) < plan.order(last_event):
            # (told before the last change: on its plausible day, as dates known only by
            # order share one, but before it in the case's order, as the schedule tells it)
            continue
        when = when_text(checked.chrono.start(e), planned)
        if isinstance(e, Surgery):
            # (brain metastases resected, of unknown completeness, after the last change: the
            # path ended on PD as where the case stands, eight years on)
            what = f" ({e.procedure})" if e.procedure else ""
            found.append((e, "op", f"operation{what}, its completeness not given ({when})"))
            continue
        assert isinstance(e, Response)
        said = quoted(_words(e), "'")
        # (a response of no response is in a category of its own, not the authors' words: "in
        # the authors' words: no response, SD or PD" said the file gave it none)
        found.append((e, "nr" if e.category == "NR" else "words", f"{said} ({when})"))

    def told_before(a: tuple[Event, str, str], b: tuple[Event, str, str]) -> int:
        return _before(checked, a[0], b[0])

    found.sort(key=functools.cmp_to_key(told_before))
    if last_only:
        if not found:
            return None
        _event, kind, text = found[-1]
        return _LAST_HEADS[kind] + text
    parts = []
    for kind, run in itertools.groupby(found, key=lambda x: x[1]):
        parts.append(_THEN_HEADS[kind] + "; ".join(text for _o, _k, text in run))
    return "; ".join(parts) if parts else None


#: how :func:`said_after` opens each run of what follows the last change, by its kind
_THEN_HEADS = {
    "op": "then (no change of state recorded): ",
    "words": "then, in the authors' words (no change of state): ",
    "nr": "then, no response, SD or PD (no change of state): ",
}
#: the same, of the last of them alone
_LAST_HEADS = {
    "op": "last (no change of state recorded): ",
    "words": "last, in the authors' words: ",
    "nr": "last, no response, SD or PD: ",
}


def _before(checked: Checked, a: Event, b: Event) -> int:
    """-1 when ``a`` is told before ``b``: the case puts ``b`` after ``a``, or neither is put
    after the other and ``a`` has the earlier plausible day (then the file's order)."""
    ch, plan = checked.chrono, checked.schedule
    assert ch is not None and plan is not None
    ka, kb = point_key(a, "start"), point_key(b, "start")
    if ch.puts_after(ka, kb):
        return -1
    if ch.puts_after(kb, ka):
        return 1
    pa, pb = plan.start(a), plan.start(b)
    da = (pa.day if pa is not None else 0, a.index)
    db = (pb.day if pb is not None else 0, b.index)
    return -1 if da < db else 1 if da > db else 0


def reported_at_end(checked: Checked) -> tuple[str, FollowUp] | None:
    """The state the last follow-up reports, with the follow-up, when the recorded changes do
    not lead to it ("alive, no evidence of disease" after a progression and operations whose
    completeness the source does not give): the swimlane ends its Disease lane in it, and the
    states figure draws it at the end of the path, reached at no recorded change. None when
    the path already ends there, or the follow-up reports no state."""
    assert checked.case is not None
    end = next((e for e in checked.case.events if isinstance(e, Death | FollowUp)), None)
    if not isinstance(end, FollowUp) or end.status not in REPORTED_STATE:
        return None
    state, contradicted = REPORTED_STATE[end.status]
    final = checked.steps[-1].after if checked.steps else INITIAL
    return (state, end) if final in contradicted else None


def reported_text(checked: Checked, state: str, end: FollowUp) -> str:
    """ "then, at the last follow-up (2009): alive, no evidence of disease → NED (no recorded
    change leads to it)"."""
    planned = checked.schedule.start(end) if checked.schedule is not None else None
    assert checked.chrono is not None
    when = when_text(checked.chrono.start(end), planned)
    return (
        f"then, at the last follow-up ({when}): {STATUS_WORDS[end.status]} →"
        f" {STATES[state][0]} (no recorded change leads to it)"
    )


def _words(e: Response) -> str:
    """What the authors said of a response that moves no state ("did not respond")."""
    return e.authors_term or ("no response" if e.category == "NR" else "a response")


def states_dot(checked: Checked, theme: Theme) -> tuple[str, dict[str, tuple[str, ...]]]:
    """DOT of the state machine with the case's path, and the classes of its SVG elements.

    Above the graph, the case's title and the key to the numbered arrows
    (:func:`path_steps`); a theme without a title (a teaching deck's) draws the graph alone,
    and the slide says the rest."""
    from timeline.states import state_graph  # networkx is imported only here

    graph = state_graph()
    case = checked.case
    assert case is not None and checked.chrono is not None
    taken: dict[tuple[str, str], list[int]] = {}
    for n, step in enumerate(checked.steps, start=1):
        taken.setdefault((step.before, step.after), []).append(n)
    visited = {s for pair in taken for s in pair} | {graph.graph["initial"]}
    final = checked.steps[-1].after if checked.steps else graph.graph["initial"]
    replayed = final
    reported = reported_at_end(checked)
    if reported is not None:
        final = reported[0]
        visited.add(final)
    # (responses in the authors' words after the last change: the last state is not the last
    # word on the disease — a melanoma "in remission" ended on a PD drawn as the current state)
    after = said_after(checked)
    open_end = after is not None and reported is None
    classes: dict[str, tuple[str, ...]] = {}

    title = ""
    if theme.title_font:
        room = min(theme.width * 0.6, 560) / 1.12  # the graph is narrower than a swimlane page
        heading = [
            *wrap(case.title or case.id, theme.title_font, room),
            "Disease states and this case's path:",
        ]
        lines = list(heading)
        between = said_between(checked)
        steps = [
            line
            for words, step in zip(between, path_steps(checked), strict=True)
            for line in (*words, step)
        ]
        last = reported_text(checked, *reported) if reported is not None else None
        for said in [
            *(steps or ["no state changes recorded"]),
            *filter(None, [after, last]),
        ]:
            # (a step naming a long operation ran past the right edge of the figure)
            lines += wrap(said, theme.font, room, most=4)
        key = STATES_KEY + (REPORTED_KEY if reported is not None else "")
        dashed = ""
        if open_end and after is not None:
            # (both may follow: the key said "the authors' words" of a note that held a
            # kyphoplasty, the last thing recorded after a response in words)
            in_words = "authors' words" in after
            operated = "(no change of state recorded): operation" in after
            dashed = (
                BOTH_AFTER_KEY
                if in_words and operated
                else SAID_AFTER_KEY
                if in_words
                else OPERATED_AFTER_KEY
            )
        lines += wrap(key + dashed, theme.font, room, most=10)
        title = "".join(dot_text(line) + r"\l" for line in lines)
    g = graphviz.Digraph(
        name=dot_text(case.id),
        engine=STATE_ENGINE,
        graph_attr={
            "rankdir": "LR",
            "label": title,
            "labelloc": "t",
            "labeljust": "l",
            "fontname": theme.font_family,
            "fontsize": f"{theme.font:g}",
            # (a slide is short: the deck's figure, without a title, keeps the states closer,
            # and its compact form, for a path whose labels make the graph too tall, closer still)
            "nodesep": "0.35"
            if theme.title_font
            else ("0.15" if theme.name == "deck-compact" else "0.25"),
            "ranksep": "0.7",
            "pad": f"{theme.pad:g}",
            "bgcolor": "white",
        },
        node_attr={
            "fontname": theme.font_family,
            "fontsize": f"{theme.font:g}",
            "shape": "box",
            "style": "rounded,filled",
            "penwidth": "0.8",
        },
        edge_attr={
            "fontname": theme.font_family,
            "fontsize": f"{theme.small:g}",
            "arrowsize": "0.6",
        },
    )
    for state in STATE_ORDER:
        label = graph.nodes[state]["label"]
        # (Diagnosed stays white, where every case starts, as the key says; the swimlane's
        # Disease lane has a colour of its own for the stretch before the first change)
        fill = (
            CATEGORY_COLOURS.get(state, "#FFFFFF")
            if state in visited and state != "diagnosed"
            else "#FFFFFF"
        )
        ident = f"state-{state}"
        classes[ident] = (
            ("state", state)
            + (("visited",) if state in visited else ())
            + (("final",) if state == final else ())
            + (("said-after",) if state == final and open_end else ())
        )
        g.node(
            ident,
            id=ident,
            label=dot_text(label),
            fillcolor=fill,
            fontcolor=text_colour(fill),
            tooltip=dot_text(graph.nodes[state]["description"]),
            penwidth="2.2" if state == final else "0.8",
            **({"style": "rounded,filled,dashed"} if state == final and open_end else {}),
        )
    for u, v, data in sorted(
        graph.edges(data=True), key=lambda e: (STATE_ORDER.index(e[0]), STATE_ORDER.index(e[1]))
    ):
        ident = f"t-{u}-{v}"
        numbers = taken.get((u, v))
        triggers = ", ".join(
            t.replace("response:", "").replace("surgery:curative", "curative surgery")
            for t in data["triggers"]
        )
        attrs = {
            "id": ident,
            "tooltip": dot_text(
                f"{u} → {v}: {triggers}" + (" (needs a new therapy)" if data["guard"] else "")
            ),
        }
        if numbers:
            attrs.update(
                color="#000000", penwidth="2.2", label=dot_text(" ".join(str(n) for n in numbers))
            )
            classes[ident] = ("transition", "taken")
        else:
            attrs.update(color="#C8C8C8", penwidth="0.6", arrowsize="0.4")
            classes[ident] = ("transition",)
        g.edge(f"state-{u}", f"state-{v}", **attrs)
    if open_end and after is not None and theme.title_font:
        # what the case says after its last change, in the picture itself: the path of an
        # ALK-positive lymphoma "in durable remission for more than two years" on alectinib
        # ended on a thick PD, its remission said only in the heading's lines of text (a
        # deck's slide says it in the caption beside the figure, which a note made too tall)
        # (the last word alone: the heading, or the slide, says them all, and that no state
        # changes there; three PSA falls in one note made a deck's figure too tall)
        note = said_after(checked, last_only=True) or after
        ident = "said-after"
        classes[ident] = ("said-after-note",)
        lines = wrap(note, theme.small, theme.small * 24, most=5)
        g.node(
            ident,
            id=ident,
            label="".join(dot_text(x) + r"\l" for x in lines),
            # (at least as wide as the words set in a wider face than Graphviz measures:
            # "clinical" ran out of the note, over its folded corner, in a PNG)
            width=f"{(max(text_width(x, theme.small) for x in lines) * 1.15 + 20) / 72:.2f}",
            shape="note",
            style="dashed",
            fillcolor="#FFFFFF",
            color="#555555",
            fontsize=f"{theme.small:g}",
            tooltip=dot_text(after),
        )
        classes["t-said-after"] = ("transition", "said-after")
        g.edge(
            f"state-{final}",
            ident,
            id="t-said-after",
            color="#555555",
            style="dashed",
            penwidth="1.0",
            arrowhead="none",
        )
    if reported is not None:
        # (the state the last follow-up reports: dashed, unnumbered, no change of the case's)
        ident = "t-reported"
        classes[ident] = ("transition", "reported")
        g.edge(
            f"state-{replayed}",
            f"state-{final}",
            id=ident,
            color="#555555",
            style="dashed",
            penwidth="1.4",
            label="follow-up",
            tooltip=dot_text(reported_text(checked, *reported)),
        )
    for (u, v), numbers in sorted(taken.items()):
        if not graph.has_edge(u, v):  # a step the machine does not allow: drawn red and dashed
            ident = f"t-{u}-{v}-illegal"
            classes[ident] = ("transition", "taken", "illegal")
            g.edge(
                f"state-{u}",
                f"state-{v}",
                id=ident,
                color="#D55E00",
                style="dashed",
                penwidth="2",
                label=dot_text(" ".join(str(n) for n in numbers)),
            )
    with g.subgraph(name="responses") as same:
        same.attr(rank="same")
        for state in ("cr", "pr", "sd"):
            same.node(f"state-{state}")
    with g.subgraph(name="start") as first:
        first.attr(rank="min")
        first.node("state-diagnosed")
    with g.subgraph(name="end") as last:
        last.attr(rank="max")
        last.node("state-dead")
    return g.source, classes
