"""The application's version: shown in 关于, written into exported packages' logs; setup.cfg
reads it from here (one place)."""
VERSION = "0.2.0"
