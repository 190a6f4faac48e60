"""Analysis: published targets, summaries, recurrence, calibration, trials and published tables.

- :mod:`.targets`: the published figures the model is calibrated to and checked against.
- :mod:`.summary`: prevalences, gestation at birth, preterm rates, CL centiles.
- :mod:`.recurrence`: recurrence of preterm birth and of cervical insufficiency.
- :mod:`.calibration`: :func:`~.calibration.calibrate` and :func:`~.calibration.validation`.
- :mod:`.trials`: published trials re-run in the synthetic population.
- :mod:`.tables`: published tables simulated beside the published ones.

Synthetic data for teaching and research only; not for clinical use.
"""
