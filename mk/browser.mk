# The dashboard test drives a headless Chromium through Selenium (DashboardBrowserIT).
APT_PACKAGES += chromium chromium-driver
