"""One figure block per benchmark: its title, its figures, its goal and PASS or FAIL."""


def print_block(title: str, figures: dict) -> None:
    """Print ``figures`` under ``title``; "goal" and "result" come last, where the eye lands."""
    print(title, flush=True)
    last = ("goal", "result")
    for key, value in figures.items():
        if key not in last:
            print(f"  {key:28s} {value}")
    for key in last:
        if key in figures:
            print(f"  {key:28s} {figures[key]}")
    print(flush=True)
