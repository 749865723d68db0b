"""The proofreader: find anniversary mentions in a draft and report wrong counts, dates and names.

The stages follow the data flow of the package: ``source`` turns text or a Word file into blocks,
``recognise`` finds mentions, ``match`` ties them to catalogue entries, ``rules`` checks them and
``report`` writes the findings. Nothing here reads the clock, the environment or the network.
"""
