#!/usr/bin/env bash
# Formats the Swift sources with the checked-in .swift-format, then lints them strictly.
set -euo pipefail
cd "$(dirname "$0")/.."
swift format format --in-place --recursive --parallel Sources Tests Package.swift
swift format lint --strict --recursive --parallel Sources Tests Package.swift
