import NNVCore
