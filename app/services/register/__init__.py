"""The voter register: reading a register file, importing it as the active snapshot, and
synthetic registers for the demo and the benchmarks."""
