"""Random-sample verification: publishing the seed, drawing the sample, verdicts, and the
projection they give."""
