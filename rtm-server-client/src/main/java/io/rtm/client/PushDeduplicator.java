package io.rtm.client;

/**
 * Remembers the last {@code capacity} message pushes, keyed by (method,
 * from, target, mid), oldest forgotten first (protocol section 7). A capacity
 * of 0 turns de-duplication off.
 *
 * <p>Allocation-free once grown: the keys live in a ring (oldest at
 * {@code head}) and an open-addressing index with linear probing points into
 * it (slot value = ring position + 1, 0 = empty; deletion by backward shift).
 * Both start small and double up to the capacity.
 */
final class PushDeduplicator {

    private static final int INITIAL = 1024;
    /** The source of a forgotten push: its ring position is no longer in the index. */
    private static final byte FORGOTTEN = -1;

    private final int capacity;
    private long[] froms;
    private long[] tos;
    private long[] mids;
    private byte[] sources;
    private int head;
    private int count;
    private int[] index;

    PushDeduplicator(int capacity) {
        if (capacity < 0) {
            throw new IllegalArgumentException("dedup capacity must not be negative: " + capacity);
        }
        this.capacity = capacity;
        if (capacity > 0) {
            allocate(Math.min(capacity, INITIAL));
        }
    }

    private void allocate(int ringSize) {
        froms = new long[ringSize];
        tos = new long[ringSize];
        mids = new long[ringSize];
        sources = new byte[ringSize];
        index = new int[Integer.highestOneBit(Math.max(2, ringSize) * 2 - 1) * 2]; // a power of two >= 2 x ring
    }

    /** Records the push and tells whether it had been seen already. */
    synchronized boolean isDuplicate(MessageSource source, long from, long to, long mid) {
        if (capacity == 0) {
            return false;
        }
        byte s = (byte) source.ordinal();
        int mask = index.length - 1;
        for (int slot = home(s, from, to, mid, mask); ; slot = (slot + 1) & mask) {
            int entry = index[slot];
            if (entry == 0) {
                break;
            }
            int i = entry - 1;
            if (mids[i] == mid && froms[i] == from && tos[i] == to && sources[i] == s) {
                return true;
            }
        }
        if (count == capacity) {
            if (sources[head] != FORGOTTEN) {
                forget(head);
            }
            head = (head + 1) % froms.length;
            count--;
        } else if (count == froms.length) {
            grow();
        }
        int at = (head + count) % froms.length;
        froms[at] = from;
        tos[at] = to;
        mids[at] = mid;
        sources[at] = s;
        count++;
        insert(at);
        return false;
    }

    synchronized int size() {
        return count;
    }

    /** Forgets a push, so that it counts as new when it comes again; it keeps its place in the ring. */
    synchronized void forget(MessageSource source, long from, long to, long mid) {
        if (capacity == 0) {
            return;
        }
        byte s = (byte) source.ordinal();
        int mask = index.length - 1;
        for (int slot = home(s, from, to, mid, mask); index[slot] != 0; slot = (slot + 1) & mask) {
            int i = index[slot] - 1;
            if (mids[i] == mid && froms[i] == from && tos[i] == to && sources[i] == s) {
                forget(i);
                sources[i] = FORGOTTEN;
                return;
            }
        }
    }

    /** Forgets every push seen. */
    synchronized void clear() {
        if (capacity > 0) {
            allocate(Math.min(capacity, INITIAL));
        }
        head = 0;
        count = 0;
    }

    private void insert(int at) {
        int mask = index.length - 1;
        int slot = home(sources[at], froms[at], tos[at], mids[at], mask);
        while (index[slot] != 0) {
            slot = (slot + 1) & mask;
        }
        index[slot] = at + 1;
    }

    /** Removes ring position {@code at} from the index, shifting later probes back. */
    private void forget(int at) {
        int mask = index.length - 1;
        int slot = home(sources[at], froms[at], tos[at], mids[at], mask);
        while (index[slot] != at + 1) {
            slot = (slot + 1) & mask;
        }
        int hole = slot;
        for (int j = (hole + 1) & mask; index[j] != 0; j = (j + 1) & mask) {
            int i = index[j] - 1;
            int k = home(sources[i], froms[i], tos[i], mids[i], mask);
            // move j into the hole unless its home lies cyclically in (hole, j]
            boolean stays = hole <= j ? (k > hole && k <= j) : (k > hole || k <= j);
            if (!stays) {
                index[hole] = index[j];
                index[j] = 0;
                hole = j;
            }
        }
        index[hole] = 0;
    }

    /** Doubles the ring (up to the capacity), keeping the order, and rebuilds the index. */
    private void grow() {
        long[] oldFroms = froms;
        long[] oldTos = tos;
        long[] oldMids = mids;
        byte[] oldSources = sources;
        int oldSize = oldFroms.length;
        allocate((int) Math.min(capacity, 2L * oldSize));
        for (int n = 0; n < count; n++) {
            int from = (head + n) % oldSize;
            froms[n] = oldFroms[from];
            tos[n] = oldTos[from];
            mids[n] = oldMids[from];
            sources[n] = oldSources[from];
            if (sources[n] != FORGOTTEN) {
                insert(n);
            }
        }
        head = 0;
    }

    private static int home(byte source, long from, long to, long mid, int mask) {
        long h = (mid * 0x9E3779B97F4A7C15L) ^ (from * 0xC2B2AE3D27D4EB4FL) ^ (to * 0x165667B19E3779F9L) ^ source;
        h ^= h >>> 29;
        h *= 0xBF58476D1CE4E5B9L;
        return (int) (h ^ (h >>> 32)) & mask;
    }
}
