// The CreditEngine module; see Package.swift for what it holds.
