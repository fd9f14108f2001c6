"""Registering webhooks with providers' APIs ("subscribing"), Qt-free.

`base` is the contract, `juno`, `stripe` and `asaas` one client each, `registry` maps a
provider name to its client, `credentials` finds the API credentials, and `provision` turns a
created webhook into a working endpoint (its secret stored, its path mapped).
"""
