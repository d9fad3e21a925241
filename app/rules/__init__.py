"""Pure legal rules: values in, values out; no database, no clock (``now``/``on`` is passed in)."""
