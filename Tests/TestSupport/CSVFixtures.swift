/// The UTF-8 bytes of `text`, for feeding CSV loaders without files.
public func csvBytes(_ text: String) -> [UInt8] { Array(text.utf8) }

/// The shared datasets folder (`../shared/datasets` beside the repository).
public func sharedDatasetsDirectory(file: String = #filePath) -> String {
  repositoryRoot(file: file) + "/../shared/datasets"
}
