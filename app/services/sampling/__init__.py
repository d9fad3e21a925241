"""Random-sample verification: publishing the seed, drawing the sample, verdicts, and the
projection they give.

Commands: ``commands`` (publish the seed, draw, record a verdict). Queries: ``queries`` (the
tally with its projection and the bands' decision, the public record of the sample).
"""
