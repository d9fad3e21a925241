"""Walking the app's routes: a URL for each rule."""

from werkzeug.routing import AnyConverter, IntegerConverter


def sample_url(rule, samples: dict[str, object]) -> str:
    """A URL of ``rule``: its arguments from ``samples`` where named there, else 1, the first
    choice of an ``any`` converter, or ``"sample"``."""
    values = {}
    for name in rule.arguments:
        if name in samples:
            values[name] = samples[name]
        elif isinstance(converter := rule._converters[name], IntegerConverter):
            values[name] = 1
        elif isinstance(converter, AnyConverter):
            values[name] = sorted(converter.items)[0]
        else:
            values[name] = "sample"
    return rule.build(values, append_unknown=False)[1]
