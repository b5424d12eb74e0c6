"""A realistic synthetic district for training, demonstrations, tests and benchmarks."""
