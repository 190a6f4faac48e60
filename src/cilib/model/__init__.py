"""The model: cohort schema, women and pregnancies, the hazard-input map, cervix, hazards.

- :mod:`.schema`: the data dictionary and the one decoder of each concept;
- :mod:`.cervix`: the true cervical-length trajectory;
- :mod:`.hazards`: cumulative hazards, closed-form times, the earliest wins;
- :mod:`.inputs`: the one map from traits and pregnancy states to hazard inputs;
- :mod:`.population`: women and their pregnancies, from their random draws;
- :mod:`.cohort`: :func:`~.cohort.generate_cohort`; :mod:`.histories`: untreated histories.

Synthetic data for teaching and research only; not for clinical use.
"""
