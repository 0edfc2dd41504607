package com.misdeliveryguard.directory.internal;

/**
 * The keys one import has seen, each with the line where it was first seen, held as 64-bit
 * fingerprints in two primitive arrays: about 24 bytes per key instead of a {@code HashSet} of
 * strings, so that a file of a million rows costs some 24 MB, not hundreds. Two different keys
 * share a fingerprint with a probability near 2<sup>-64</sup> per pair, which the importer accepts.
 * Not thread-safe.
 */
public final class SeenKeys {

    private static final long EMPTY = 0L;
    private long[] fingerprints = new long[1 << 10];
    private long[] lines = new long[1 << 10];
    private int size;

    /**
     * Records the key as seen on the line.
     *
     * @return 0 when the key is new, else the line where it was first seen
     */
    public long add(String key, long line) {
        long fp = fingerprint(key);
        int slot = find(fp);
        if (fingerprints[slot] == fp) {
            return lines[slot];
        }
        fingerprints[slot] = fp;
        lines[slot] = line;
        if (++size * 2 > fingerprints.length) {
            grow();
        }
        return 0;
    }

    /** True when the key was added. */
    public boolean contains(String key) {
        long fp = fingerprint(key);
        return fingerprints[find(fp)] == fp;
    }

    public int size() {
        return size;
    }

    private int find(long fp) {
        int mask = fingerprints.length - 1;
        int slot = (int) (fp ^ (fp >>> 32)) & mask;
        while (fingerprints[slot] != EMPTY && fingerprints[slot] != fp) {
            slot = (slot + 1) & mask;
        }
        return slot;
    }

    private void grow() {
        long[] oldFingerprints = fingerprints;
        long[] oldLines = lines;
        fingerprints = new long[oldFingerprints.length * 2];
        lines = new long[oldLines.length * 2];
        for (int i = 0; i < oldFingerprints.length; i++) {
            if (oldFingerprints[i] != EMPTY) {
                int slot = find(oldFingerprints[i]);
                fingerprints[slot] = oldFingerprints[i];
                lines[slot] = oldLines[i];
            }
        }
    }

    /** FNV-1a over the UTF-16 code units, finished with a 64-bit mixer; never 0. */
    static long fingerprint(String key) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < key.length(); i++) {
            h ^= key.charAt(i);
            h *= 0x100000001b3L;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h == EMPTY ? 1 : h;
    }

    @Override
    public String toString() {
        return "SeenKeys[size=" + size + "]";
    }
}
