"""Export-policy events, read from the parse: ``triggers`` finds where a sentence tells one (a
trigger word of a codebook type, with its frame), ``roles`` who decided it, whom it targets, what
it covers, how many and how long, ``modality`` whether it was done, announced, demanded, ordered,
alleged or denied, ``timing`` when; ``find`` puts them together per article and ``rows`` makes
the ``events`` rows."""
from analysis.extract.events.find import find_events
from analysis.extract.events.rows import event_rows

__all__ = ["event_rows", "find_events"]
