import NNVCore

// A first taste of nnv until the language arrives: a small network learns XOR.
do {
  let data = try SyntheticDatasets.xor(n: 400, noise: 0.05, seed: 7)
  let parts = try data.split(test: 0.25, seed: 7)
  var model = try Sequential(name: "net", inputShape: [2])
  try model.append(
    try Dense(inputSize: 2, outputSize: 8, activation: .tanh, seed: 1, name: "dense_1"))
  try model.append(
    try Dense(inputSize: 8, outputSize: 1, activation: .sigmoid, seed: 2, name: "dense_2"))
  let options = TrainingOptions(
    epochs: 200, batchSize: 32, loss: .binaryCrossEntropy, validation: parts.test)
  try Trainer.train(&model, on: parts.train, optimizer: Adam(learningRate: 0.03), options: options)
  if let last = model.history.last {
    print(
      "epoch \(last.epoch): loss \(last.loss), accuracy \(last.accuracy ?? 0), validation accuracy \(last.validationAccuracy ?? 0)"
    )
  }
} catch {
  print("error: \(error)")
}
