import CreditData
import CreditModels

extension Trainer {
  /// The model file's contents: the fits, the spec and the training facts.
  func model(
    _ facts: HistoryFacts, _ sample: TrainingSample, _ spec: FeatureSpec, _ fits: Fits
  ) -> TrainedModel {
    let metrics = TrainingMetrics(
      invoicesRead: facts.invoicesRead, invoicesUsed: sample.used,
      issuedAfterAsOf: sample.issuedAfterAsOf, nonPositiveAmounts: sample.nonPositiveAmounts,
      labelled: sample.labelled, unlabelled: sample.unknown,
      lateRate: sample.lateCount / Double(sample.labelled),
      paymentEvents: sample.events.filter { $0 }.count, auc: fits.delinquency.auc,
      brier: fits.delinquency.brier, concordance: fits.cox.concordance,
      weibullConcordance: fits.weibull.concordance, customers: facts.customers)
    return TrainedModel(
      creditriskVersion: options.version, asOf: facts.asOf, inputHash: options.inputHash,
      lateDays: options.rule.lateDays, shrinkage: options.shrinkage, features: spec,
      delinquency: fits.delinquency.fit, timeToPaymentCox: fits.cox,
      timeToPaymentWeibull: fits.weibull.fit, metrics: metrics)
  }
}
