# Chart goldens: tools/charts/golden.py (run by ChartGoldensUpToDateTest) needs python3.
APT_PACKAGES += python3
