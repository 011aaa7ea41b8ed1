// The LinearAlgebra module; see Package.swift for what it holds.
