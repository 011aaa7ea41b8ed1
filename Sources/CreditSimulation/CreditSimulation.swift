// The CreditSimulation module; see Package.swift for what it holds.
