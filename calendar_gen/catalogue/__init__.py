"""Catalogues: YAML reading, the format's schema, the cache of validated files, the provinces.

Loading and validation never read the clock: a catalogue is valid or not whatever today is.
"""
