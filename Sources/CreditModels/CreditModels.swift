// The CreditModels module; see Package.swift for what it holds.
