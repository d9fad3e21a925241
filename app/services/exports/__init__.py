"""The official record of a petition's signatures, exported as CSV or PDF for commission staff."""
