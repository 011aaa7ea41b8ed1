// The CreditReport module; see Package.swift for what it holds.
