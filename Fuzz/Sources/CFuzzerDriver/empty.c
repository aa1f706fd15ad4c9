// The driver lives in libFuzzer's runtime; this target only carries its declaration.
