// The story index's scan: the nearest fingerprints among thousands, with the CPU's bit count.
#ifndef FEEDWATCH_CNEARESTPRINT_H
#define FEEDWATCH_CNEARESTPRINT_H

#include <stddef.h>
#include <stdint.h>

/// The index of the first of `prints[start..<end]` that differs from `fingerprint` in at most
/// `limit` bits, or `end` when none does.
size_t fw_first_print_within(const uint64_t *prints, size_t start, size_t end, uint64_t fingerprint, int limit);

#endif
