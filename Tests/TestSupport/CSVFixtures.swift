/// The UTF-8 bytes of `text`, for feeding CSV loaders without files.
public func csvBytes(_ text: String) -> [UInt8] { Array(text.utf8) }

/// The repository's `datasets` folder (the bundled sample and the IBM accounts-receivable file).
public func datasetsDirectory(file: String = #filePath) -> String {
  repositoryRoot(file: file) + "/datasets"
}
